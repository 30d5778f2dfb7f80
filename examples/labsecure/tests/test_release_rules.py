"""The portal's pure domain: release rules and hold times, roles from claims, critical calls, corrections, audit."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from labsecure.domain import audit, review, roles
from labsecure.domain.release import (
    Decision,
    Release,
    ReleasePolicy,
    after,
    correctable,
    format_time,
    parse_time,
    reviewable,
    visible_to_patient,
)
from labsecure.errors import RequestError

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
PID = "p-12345678-1234-4234-8234-123456789abc"


def test_released_results_are_visible_and_rejected_ones_never() -> None:
    assert visible_to_patient({"release": "RELEASED", "status": "READY"})
    assert visible_to_patient({"release": "RELEASED", "status": "NEEDS_REVIEW"})  # a reviewer released it
    assert not visible_to_patient({"release": "HELD", "status": "NEEDS_REVIEW"})
    assert not visible_to_patient({"release": "WITHHELD", "status": "NEEDS_REVIEW"})
    # even a corrupt item marked released is never shown when labcore rejected it, or while it is unfinished
    assert not visible_to_patient({"release": "RELEASED", "status": "REJECTED"})
    assert not visible_to_patient({"release": "RELEASED", "status": "PROCESSING"})
    assert not visible_to_patient({})


def test_only_a_held_latest_result_needing_review_is_reviewable() -> None:
    held = {"release": "HELD", "status": "NEEDS_REVIEW"}
    assert reviewable(held)
    assert not reviewable({**held, "superseded_by": "x"})
    assert not reviewable({"release": "RELEASED", "status": "READY"})
    assert not reviewable({"release": "WITHHELD", "status": "REJECTED"})
    assert after(Decision.RELEASE) is Release.RELEASED and after(Decision.REJECT) is Release.WITHHELD


def test_correctable_is_a_finished_latest_version_not_rejected() -> None:
    assert correctable({"status": "READY", "release": "RELEASED"})
    assert correctable({"status": "NEEDS_REVIEW", "release": "HELD"})
    assert not correctable({"status": "NEEDS_REVIEW", "release": "WITHHELD"})
    assert not correctable({"status": "REJECTED", "release": "WITHHELD"})
    assert not correctable({"status": "READY", "release": "RELEASED", "superseded_by": "y"})


def test_hold_time_per_lab() -> None:
    none = ReleasePolicy()
    assert none.due("2026-12-01T00:00:00.000Z") is None and none.cutoff(NOW) is None
    day = ReleasePolicy(review_hold_hours=24)
    assert day.due("2026-12-06T08:00:00.000Z") == NOW
    assert day.cutoff(NOW) == "2026-12-06T08:00:00.000Z"
    assert ReleasePolicy(0.5).cutoff(NOW) == "2026-12-07T07:30:00.000Z"
    assert parse_time(format_time(NOW)) == NOW


def claims(**extra: object) -> dict[str, object]:
    return {"sub": "s-1", "cognito:username": "ann", "exp": 2_000_000_000, **extra}


def test_roles_come_from_groups_and_the_patient_attribute_only() -> None:
    patient = roles.from_claims(claims(**{"custom:patient_id": PID}))
    assert patient.roles == {roles.Role.PATIENT} and patient.patient_id == PID and patient.home == "patient.dashboard"
    staff = roles.from_claims(claims(**{"cognito:groups": ["Reviewer", "Admin", "Root"], "custom:lab_id": "NW"}))
    assert staff.roles == {roles.Role.REVIEWER, roles.Role.ADMIN} and staff.lab_id == "NW" and not staff.patient_id
    assert not staff.has(roles.Role.CASE_WORKER) and not staff.has(roles.Role.PATIENT)  # no role implies another
    # a group named like the patient role, a malformed patient id or lab id grant nothing
    forged = roles.from_claims(
        claims(**{"cognito:groups": ["Patient"], "custom:patient_id": "../x", "custom:lab_id": "a b"})
    )
    assert forged.roles == frozenset() and forged.patient_id == "" and forged.lab_id == ""
    assert roles.Principal.from_session(staff.to_session()) == staff


def test_a_critical_call_needs_a_name_a_recent_time_and_the_read_back() -> None:
    call = review.critical_call("  Dr   Rivera (ward 4) ", NOW - timedelta(minutes=3), True, "rev1", NOW)
    assert call.told == "Dr Rivera (ward 4)" and call.read_back and call.called_at == "2026-12-07T07:57:00.000Z"
    with pytest.raises(RequestError) as no_read_back:
        review.critical_call("Dr Rivera", NOW, False, "rev1", NOW)
    assert no_read_back.value.code == "read_back_required"
    with pytest.raises(RequestError) as future:
        review.critical_call("Dr Rivera", NOW + timedelta(hours=1), True, "rev1", NOW)
    assert future.value.code == "called_at_invalid"
    with pytest.raises(RequestError) as nobody:
        review.critical_call("   ", NOW, True, "rev1", NOW)
    assert nobody.value.code == "told_invalid"
    with pytest.raises(RequestError):
        review.clean_text("x" * 201, "reason")


REPORTS = [
    {
        "lab_id": "NW",
        "panel": "BMP",
        "collected_at": "2026-11-24T07:42:00Z",
        "results": [
            {"analyte": "potassium", "display": "Potassium", "value": 6.9, "unit": "mmol/L", "loinc": "2823-3"},
            {
                "analyte": "sodium",
                "display": "Sodium",
                "value": 140,
                "unit": "mmol/L",
                "range": {"origin": "payload", "text": "135-145"},
            },
        ],
    }
]


def test_a_correction_payload_changes_one_value_and_keeps_the_rest() -> None:
    doc = json.loads(
        review.corrected_payload(REPORTS, {"sex": "female", "birth_date": "1984-03-12", "mrn": "M"}, "NW", 0, "4.2")
    )
    assert [r["value"] for r in doc["results"]] == ["4.2", "140"]
    assert doc["results"][1]["reference_range"] == "135-145" and doc["results"][0]["loinc"] == "2823-3"
    assert doc["patient"] == {"sex": "female", "birth_date": "1984-03-12"}  # nothing else of the patient record
    for bad_index, bad_value, code in ((5, "1", "analyte_invalid"), (0, "high", "value_invalid")):
        with pytest.raises(RequestError) as err:
            review.corrected_payload(REPORTS, {}, "NW", bad_index, bad_value)
        assert err.value.code == code
    now = [{"results": [{"analyte": "potassium", "value": 4.2}, {"analyte": "sodium", "value": 140}]}]
    assert review.earlier_values(now, REPORTS) == {"potassium": "6.9"}


def test_audit_records_are_ids_and_codes() -> None:
    rec = audit.record(
        audit.Action.RESULT_RELEASED, actor="s-1", actor_name="rev1", subject="r-1", lab_id="NW", now=NOW
    )
    item = rec.to_item()
    assert item["day"] == "2026-12-07" and item["sk"].startswith("2026-12-07T08:00:00.000Z#") and item["detail"] is None
    assert (
        len({audit.record(audit.Action.SIGNED_IN, actor="a", actor_name="a", subject="a").record_id for _ in range(5)})
        == 5
    )
