"""The staff pages doing their work: a reviewer releases, rejects, records a critical call and corrects; a case
worker finds a patient, fixes the contact and resends, seeing no value; an admin manages labs, keys and staff."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import World, csrf_of, https_client, scan, sign_in

from labsecure.stores.audit import Audit
from labsecure.stores.labs import Labs
from labsecure.stores.patients import Patients
from labsecure.stores.results import Results
from labsecure.stores.users import Users


def as_user(world: World, name: str) -> tuple[Any, str]:
    client = https_client(world.app())
    assert sign_in(client, name, world.passwords[name]).status_code == 302
    return client, csrf_of(client.get("/login").get_data(as_text=True))


def trail(world: World, subject: str) -> list[dict[str, Any]]:
    """The subject's audit records, newest first, without the views (reading is audited too)."""
    records = Audit(world.s.settings, world.s.clients).for_subject(subject)
    return [r for r in records if r["action"] not in ("result_viewed", "case_viewed", "report_downloaded")]


def test_the_queue_shows_held_results_with_their_reasons(world: World) -> None:
    client, _ = as_user(world, "reviewer")
    text = client.get("/staff/review").get_data(as_text=True)
    assert f"/staff/review/{world.held}" in text and "critical_value" in text
    assert world.ready not in text  # released at once: never in the queue


def test_a_release_shows_the_result_to_the_patient_and_emails_them(world: World) -> None:
    client, token = as_user(world, "reviewer")
    patient, _ = as_user(world, "patient")
    assert patient.get(f"/results/{world.held}").status_code == 404
    no_reason = client.post(f"/staff/review/{world.held}/decision", data={"csrf_token": token, "decision": "release"})
    assert no_reason.status_code == 400
    data = {"csrf_token": token, "decision": "release", "reason": "potassium confirmed on repeat"}
    assert client.post(f"/staff/review/{world.held}/decision", data=data).status_code == 303
    assert patient.get(f"/results/{world.held}").status_code == 200
    again = client.post(f"/staff/review/{world.held}/decision", data={**data, "decision": "reject"})
    assert again.status_code == 409  # decided already
    record = trail(world, world.held)[0]
    assert record["action"] == "result_released" and not record.get("detail")  # the reason is the reviewers'
    page = client.get(f"/staff/review/{world.held}").get_data(as_text=True)
    assert "potassium confirmed on repeat" in page
    world.pipe.drain_notify()
    assert len(world.pipe.moto.sent_emails()) == 3  # the two released at once, then this one


def test_a_rejection_hides_the_result_for_good(world: World) -> None:
    client, token = as_user(world, "reviewer")
    data = {"csrf_token": token, "decision": "reject", "reason": "haemolysed sample"}
    assert client.post(f"/staff/review/{world.held}/decision", data=data).status_code == 303
    patient, _ = as_user(world, "patient")
    assert patient.get(f"/results/{world.held}").status_code == 404
    assert trail(world, world.held)[0]["action"] == "result_rejected"


def test_the_critical_call_is_recorded_and_shown_in_page_audit_and_report(world: World, tmp_path: Path) -> None:
    client, token = as_user(world, "reviewer")
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    call = {"csrf_token": token, "told": "Dr Rivera, ward 4", "called_at": when}
    refused = client.post(f"/staff/review/{world.held}/call", data=call)  # no read-back
    assert refused.status_code == 400 and "read_back_required" in refused.get_data(as_text=True)
    assert client.post(f"/staff/review/{world.held}/call", data={**call, "read_back": "y"}).status_code == 303
    page = client.get(f"/staff/review/{world.held}").get_data(as_text=True)
    assert "Dr Rivera, ward 4" in page and "Yes, confirmed" in page and f"{when}:00.000Z" in page
    record = trail(world, world.held)[0]
    assert record["action"] == "critical_call_recorded" and record["detail"] == {
        "called_at": f"{when}:00.000Z",
        "read_back": "confirmed",
    }
    pdf = tmp_path / "r.pdf"
    import urllib.request

    with urllib.request.urlopen(client.get(f"/staff/review/{world.held}/report").headers["Location"]) as got:
        pdf.write_bytes(got.read())
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Critical values telephoned" in text and "Dr Rivera, ward 4" in text and "Yes, confirmed" in text
    normal = client.post(f"/staff/review/{world.ready}/call", data={**call, "read_back": "y"})
    assert normal.status_code == 409  # no critical value to call about


def test_a_correction_through_the_page(world: World) -> None:
    client, token = as_user(world, "reviewer")
    item = Results(world.s.settings, world.s.clients).find(world.held)
    assert item is not None
    index = [r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Potassium")
    data = {"csrf_token": token, "index": str(index), "value": "4.4", "reason": "result entered on the wrong sample"}
    answer = client.post(f"/staff/review/{world.held}/correct", data=data)
    assert answer.status_code == 303
    new_id = answer.headers["Location"].rsplit("/", 1)[1]
    patient, _ = as_user(world, "patient")
    text = patient.get(f"/results/{new_id}").get_data(as_text=True)
    assert "Potassium (corrected; earlier value 6.9)" in text and "CRITICAL" not in text
    assert trail(world, world.held)[0]["detail"]["new_version"] == new_id
    bad = client.post(f"/staff/review/{new_id}/correct", data={**data, "value": "lots"})
    assert bad.status_code == 400 and "value_invalid" in bad.get_data(as_text=True)


def line_of(world: World, result_id: str, name: str) -> str:
    """The index of a result line as the review page numbers them (across every report)."""
    item = Results(world.s.settings, world.s.clients).find(result_id)
    assert item is not None
    return str([r["display"] for report in json.loads(str(item["reports"])) for r in report["results"]].index(name))


def test_two_corrections_keep_both_marks_every_version_and_the_calls(world: World) -> None:
    client, token = as_user(world, "reviewer")
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    call = {"csrf_token": token, "told": "Dr Rivera, ward 4", "called_at": when, "read_back": "y"}
    assert client.post(f"/staff/review/{world.held}/call", data=call).status_code == 303
    first = {"csrf_token": token, "index": line_of(world, world.held, "Potassium"), "value": "4.4"}
    v2 = client.post(f"/staff/review/{world.held}/correct", data={**first, "reason": "entered on the wrong sample"})
    v2_id = v2.headers["Location"].rsplit("/", 1)[1]
    second = {"csrf_token": token, "index": line_of(world, v2_id, "Sodium"), "value": "141"}
    v3 = client.post(f"/staff/review/{v2_id}/correct", data={**second, "reason": "transcription error"})
    v3_id = v3.headers["Location"].rsplit("/", 1)[1]
    patient, _ = as_user(world, "patient")
    text = patient.get(f"/results/{v3_id}").get_data(as_text=True)
    assert "Potassium (corrected)" in text and "Sodium (corrected; earlier value 140)" in text  # both still marked
    assert "Versions of this result" in text and "3 (this version)" in text
    for shown in ("entered on the wrong sample", "transcription error", "Potassium 6.9 mmol/L", "Sodium 141 mmol/L"):
        assert shown in text, shown
    assert "Glucose 100" not in text  # a re-run leaves the other lines as they were reported ("140", not "140.0")
    assert f'href="/results/{v2_id}"' in text and "<td>reviewer</td>" not in text  # no reviewer's name
    staff = client.get(f"/staff/review/{v3_id}").get_data(as_text=True)
    assert "<td>reviewer</td>" in staff and f'href="/staff/review/{world.held}"' in staff
    assert "Dr Rivera, ward 4" in staff  # the critical-value call came along with each version
    item = Results(world.s.settings, world.s.clients).find(v3_id)
    assert item is not None and item["version"] == 3 and len(item["critical_calls"]) == 1


def test_a_correction_labcore_holds_waits_for_a_reviewer(world: World) -> None:
    world.pipe.drain_notify()
    sent = len(world.pipe.moto.sent_emails())
    client, token = as_user(world, "reviewer")
    fix = {"csrf_token": token, "index": line_of(world, world.ready, "Potassium"), "value": "6.9", "reason": "re-run"}
    answer = client.post(f"/staff/review/{world.ready}/correct", data=fix)
    new_id = answer.headers["Location"].rsplit("/", 1)[1]
    item = Results(world.s.settings, world.s.clients).find(new_id)
    assert item is not None and item["status"] == "NEEDS_REVIEW" and item["release"] == "HELD"  # not auto-released
    patient, _ = as_user(world, "patient")
    assert patient.get(f"/results/{new_id}").status_code == 404
    dashboard = patient.get("/dashboard").get_data(as_text=True)
    assert f"/results/{world.ready}" in dashboard and f"/results/{new_id}" not in dashboard  # the old one stays
    assert f"/staff/review/{new_id}" in client.get("/staff/review").get_data(as_text=True)  # in the queue
    world.pipe.drain_notify()
    assert len(world.pipe.moto.sent_emails()) == sent  # nobody told of a result they cannot see
    decision = {"csrf_token": token, "decision": "release", "reason": "confirmed on a repeat sample"}
    assert client.post(f"/staff/review/{new_id}/decision", data=decision).status_code == 303
    dashboard = patient.get("/dashboard").get_data(as_text=True)
    assert f"/results/{new_id}" in dashboard and f"/results/{world.ready}" not in dashboard
    world.pipe.drain_notify()
    assert len(world.pipe.moto.sent_emails()) == sent + 1


def test_a_rejected_held_correction_leaves_the_version_it_corrects_correctable(world: World) -> None:
    client, token = as_user(world, "reviewer")
    line = line_of(world, world.ready, "Potassium")
    fix = {"csrf_token": token, "index": line, "value": "6.9", "reason": "re-run"}
    held_id = client.post(f"/staff/review/{world.ready}/correct", data=fix).headers["Location"].rsplit("/", 1)[1]
    results = Results(world.s.settings, world.s.clients)
    assert (results.find(world.ready) or {}).get("superseded_by") == held_id
    reject = {"csrf_token": token, "decision": "reject", "reason": "wrong sample"}
    assert client.post(f"/staff/review/{held_id}/decision", data=reject).status_code == 303
    original, rejected = results.find(world.ready), results.find(held_id)
    assert original is not None and "superseded_by" not in original  # the latest version again
    assert rejected is not None and rejected["release"] == "WITHHELD" and rejected["supersedes"] == world.ready
    patient, _ = as_user(world, "patient")
    dashboard = patient.get("/dashboard").get_data(as_text=True)
    assert f"/results/{world.ready}" in dashboard and f"/results/{held_id}" not in dashboard
    fix = {"csrf_token": token, "index": line, "value": "4.4", "reason": "repeat sample"}
    answer = client.post(f"/staff/review/{world.ready}/correct", data=fix)
    assert answer.status_code == 303  # before the fix: 409, the corrected version could never be corrected again
    again = results.find(answer.headers["Location"].rsplit("/", 1)[1])
    assert again is not None and again["supersedes"] == world.ready and again["release"] == "RELEASED"


def test_a_case_worker_sees_status_and_contact_but_no_value(world: World) -> None:
    client, token = as_user(world, "caseworker")
    found = client.post("/staff/cases", data={"csrf_token": token, "mrn": "MRN-00482913"})
    assert found.status_code == 303 and found.headers["Location"] == f"/staff/cases/{world.patient_id}"
    assert client.post("/staff/cases", data={"csrf_token": token, "mrn": "MRN-NOPE"}).status_code == 404
    text = client.get(f"/staff/cases/{world.patient_id}").get_data(as_text=True)
    assert "patient@example.org" in text and "Final" in text and "HELD" in text
    for value in ("Glucose", "Potassium", "mg/dL", "mmol/L", "High", "Low", "▲", "6.9", "critical", "CRITICAL"):
        assert value not in text, value
    data = {"csrf_token": token, "email": "new-address@example.org"}
    assert client.post(f"/staff/cases/{world.patient_id}/contact", data=data).status_code == 303
    assert Patients(world.s.settings, world.s.clients).contact(world.patient_id) == "new-address@example.org"
    assert "new-address" not in json.dumps(trail(world, world.patient_id))  # the audit says it changed, not to what


def test_a_case_worker_resends_a_notification(world: World) -> None:
    world.pipe.drain_notify()
    before = len(world.pipe.moto.sent_emails())
    client, token = as_user(world, "caseworker")
    path = f"/staff/cases/{world.patient_id}/results/{world.ready}/resend"
    assert client.post(path, data={"csrf_token": token}).status_code == 303
    world.pipe.drain_notify()
    assert len(world.pipe.moto.sent_emails()) == before + 1
    held = client.post(f"/staff/cases/{world.patient_id}/results/{world.held}/resend", data={"csrf_token": token})
    assert held.status_code == 409  # a held result is not announced


def test_an_admin_manages_labs_and_keys(world: World) -> None:
    client, token = as_user(world, "admin")
    labs = Labs(world.s.settings, world.s.clients)

    def fresh() -> Labs:  # a new store each time: the ingest function caches keys for a few seconds
        return Labs(world.s.settings, world.s.clients)

    lab = {"csrf_token": token, "lab_id": "EASTSIDE", "name": "Eastside Lab", "senders": "EAST-LAB", "hold_hours": "12"}
    assert client.post("/staff/admin/labs", data=lab).status_code == 303
    saved = labs.get("EASTSIDE")
    assert saved is not None and saved.review_hold_hours == 12 and saved.sender_ids == ("EAST-LAB",)
    made = client.post("/staff/admin/labs/EASTSIDE/keys", data={"csrf_token": token}).get_data(as_text=True)
    key = re.search(r'class="key">(lsk_[^<]+)<', made)
    assert key and fresh().authenticate(key.group(1)) is not None
    listing = client.get("/staff/admin/labs").get_data(as_text=True)
    assert key.group(1) not in listing  # shown once
    (first,) = labs.keys("EASTSIDE")
    rotated = client.post(f"/staff/admin/labs/EASTSIDE/keys/{first['key_id']}/rotate", data={"csrf_token": token})
    new_key = re.search(r'class="key">(lsk_[^<]+)<', rotated.get_data(as_text=True))
    assert new_key and fresh().authenticate(key.group(1)) is None and fresh().authenticate(new_key.group(1)) is not None
    second = next(k for k in labs.keys("EASTSIDE") if k["state"] == "active")
    assert (
        client.post(
            f"/staff/admin/labs/EASTSIDE/keys/{second['key_id']}/revoke", data={"csrf_token": token}
        ).status_code
        == 303
    )
    assert fresh().authenticate(new_key.group(1)) is None
    assert [r["action"] for r in trail(world, "EASTSIDE")][:3] == ["key_revoked", "key_rotated", "key_created"]


def test_an_admin_manages_staff_and_reads_the_audit(world: World) -> None:
    client, token = as_user(world, "admin")
    new = {
        "csrf_token": token,
        "username": "rev9",
        "email": "rev9@example.org",
        "role": "Reviewer",
        "lab_id": "NORTHWIND",
        "password": "Temporary-Pass-9",
    }
    assert client.post("/staff/admin/staff", data=new).status_code == 303
    assert client.post("/staff/admin/staff", data={**new, "username": "rev8", "lab_id": "NOSUCH"}).status_code == 400
    assert "rev9" in client.get("/staff/admin/staff").get_data(as_text=True)
    newcomer = https_client(world.app())  # the account works, at its lab (recorded, so sign-in confirms it)
    assert sign_in(newcomer, "rev9", "Temporary-Pass-9").headers["Location"] == "/login/new-password"
    page = newcomer.get("/login/new-password").get_data(as_text=True)
    newcomer.post("/login/new-password", data={"csrf_token": csrf_of(page), "password": "Chosen-Password-99"})
    assert world.held in newcomer.get("/staff/review").get_data(as_text=True)
    open_session, _ = as_user(world, "reviewer")
    assert open_session.get("/staff/review").status_code == 200
    assert client.post("/staff/admin/staff/reviewer/disable", data={"csrf_token": token}).status_code == 303
    assert open_session.get("/staff/review").headers["Location"] == "/login?next=/staff/review"  # ended at once
    assert sign_in(https_client(world.app()), "reviewer", world.passwords["reviewer"]).status_code == 401
    assert client.post("/staff/admin/staff/admin/disable", data={"csrf_token": token}).status_code == 403  # not oneself
    assert (
        client.post("/staff/admin/staff/patient/disable", data={"csrf_token": token}).status_code == 404
    )  # staff only
    users = Users(world.s.settings, world.s.clients)
    assert {u.username: u.enabled for u in users.staff()}["reviewer"] is False
    assert client.post("/staff/admin/staff/reviewer/enable", data={"csrf_token": token}).status_code == 303
    assert as_user(world, "reviewer")[0].get("/staff/review").status_code == 200  # enabled: signs in and stays
    audit_page = client.get("/staff/admin/audit").get_data(as_text=True)
    assert "staff_disabled" in audit_page and "signed_in" in audit_page
    for value in ("MRN-00482913", "patient@example.org", "Glucose", "mg/dL"):
        assert value not in audit_page


def test_an_admin_reads_who_did_what_and_when_but_no_reason_or_person_told(world: World) -> None:
    reviewer, token = as_user(world, "reviewer")
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    call = {"csrf_token": token, "told": "Dr Rivera, ward 4", "called_at": when, "read_back": "y"}
    assert reviewer.post(f"/staff/review/{world.held}/call", data=call).status_code == 303
    decision = {"csrf_token": token, "decision": "release", "reason": "potassium confirmed on repeat"}
    assert reviewer.post(f"/staff/review/{world.held}/decision", data=decision).status_code == 303
    item = Results(world.s.settings, world.s.clients).find(world.held)
    assert item is not None
    index = [r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Potassium")
    fix = {"csrf_token": token, "index": str(index), "value": "4.4", "reason": "entered on the wrong sample"}
    new_id = reviewer.post(f"/staff/review/{world.held}/correct", data=fix).headers["Location"].rsplit("/", 1)[1]
    seen = reviewer.get(f"/staff/review/{world.held}").get_data(as_text=True)
    seen += reviewer.get(f"/staff/review/{new_id}").get_data(as_text=True)
    admin, _ = as_user(world, "admin")
    audit_page = admin.get("/staff/admin/audit").get_data(as_text=True)
    stored = json.dumps(scan(world.s, world.s.settings.names.audit_table))
    for text in ("Dr Rivera, ward 4", "potassium confirmed on repeat", "entered on the wrong sample"):
        assert text in seen, text  # the reviewers see it
        assert text not in audit_page and text not in stored, text
    for action in ("critical_call_recorded", "result_released", "correction_issued"):
        assert action in audit_page
