"""The staff pages doing their work: a reviewer releases, rejects, records a critical call and corrects; a case
worker finds a patient, fixes the contact and resends, seeing no value; an admin manages labs, keys and staff."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conftest import World, csrf_of, https_client, sign_in

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
    assert record["action"] == "result_released" and record["detail"]["reason"] == "potassium confirmed on repeat"
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
    assert record["action"] == "critical_call_recorded" and record["detail"]["told"] == "Dr Rivera, ward 4"
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
