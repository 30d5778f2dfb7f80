"""The portal's stores against moto: users (Cognito), sessions, reviews, audit, labs' keys, the release sweeper."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from conftest import Pipeline, scan

from labsecure import corrections
from labsecure.domain import audit, review
from labsecure.domain.messages import ResultRef
from labsecure.domain.release import Decision, Release
from labsecure.domain.roles import Role
from labsecure.errors import Conflict, RequestError, SignInFailed
from labsecure.functions import release
from labsecure.local import stack
from labsecure.stores.audit import Audit
from labsecure.stores.labs import Labs
from labsecure.stores.results import Results
from labsecure.stores.reviews import Reviews
from labsecure.stores.sessions import Sessions
from labsecure.stores.users import Challenge, Tokens, Users

PASSWORD = "Correct-Horse-9"
CRITICAL_K = (b'"Potassium", "value": "4,1"', b'"Potassium", "value": "6.9"')


def held(pipe: Pipeline) -> tuple[ResultRef, dict[str, object]]:
    rid = pipe.post(pipe.sample("cmp.json").replace(*CRITICAL_K))[1]["result_id"]
    assert pipe.process([rid]) == {rid: "NEEDS_REVIEW"}
    item = Results(pipe.s.settings, pipe.s.clients).find(rid)
    assert item is not None
    return ResultRef(str(item["patient_id"]), rid), item


def test_sign_in_and_every_refusal_looks_the_same(lab: stack.Stack) -> None:
    users = Users(lab.settings, lab.clients)
    users.create_patient("pat1", "pat1@example.org", "p-12345678-1234-4234-8234-123456789abc", PASSWORD)
    assert isinstance(users.sign_in("pat1", PASSWORD), Tokens)
    refusals = []
    for name, password in (("pat1", "Wrong-Password-1"), ("nobody", PASSWORD)):
        with pytest.raises(SignInFailed) as err:
            users.sign_in(name, password)
        refusals.append((err.value.code, str(err.value)))
    assert refusals[0] == refusals[1]


def test_staff_accounts_have_one_group_and_a_temporary_password_is_a_challenge(lab: stack.Stack) -> None:
    users = Users(lab.settings, lab.clients)
    users.create_staff("rev1", "rev1@example.org", Role.REVIEWER, "NORTHWIND", PASSWORD, permanent=True)
    users.create_staff("cw1", "cw1@example.org", Role.CASE_WORKER, "NORTHWIND", "Temporary-Pass-1", permanent=False)
    with pytest.raises(RequestError):
        users.create_staff("x", "x@example.org", Role.PATIENT, "", PASSWORD, permanent=True)
    with pytest.raises(RequestError) as taken:
        users.create_staff("rev1", "again@example.org", Role.ADMIN, "", PASSWORD, permanent=True)
    assert taken.value.code == "username_taken"
    listed = {u.username: u for u in users.staff()}
    assert listed["rev1"].roles == ("Reviewer",) and listed["rev1"].lab_id == "NORTHWIND"
    assert listed["cw1"].roles == ("CaseWorker",) and users.is_staff("cw1")
    first = users.sign_in("cw1", "Temporary-Pass-1")
    assert isinstance(first, Challenge) and first.name == "NEW_PASSWORD_REQUIRED"
    assert isinstance(users.new_password("cw1", first.session, PASSWORD), Tokens)
    users.set_enabled("rev1", False)
    with pytest.raises(SignInFailed):
        users.sign_in("rev1", PASSWORD)


def test_sessions_store_only_a_hash_and_expire(lab: stack.Stack) -> None:
    sessions = Sessions(lab.settings, lab.clients)
    sessions.put("sid-secret-1", {"sub": "s"}, int(time.time()) + 60)
    sessions.put("sid-secret-2", {"sub": "t"}, int(time.time()) - 1)
    assert sessions.get("sid-secret-1") is not None and sessions.get("sid-secret-1")[0] == {"sub": "s"}  # type: ignore[index]
    assert sessions.get("sid-secret-2") is None  # expired though TTL has not deleted it
    stored = json.dumps(scan(lab, lab.settings.names.sessions_table))
    assert "sid-secret" not in stored
    sessions.delete("sid-secret-1")
    assert sessions.get("sid-secret-1") is None


def test_a_reviewer_releases_once_and_a_second_decision_conflicts(pipe: Pipeline) -> None:
    ref, _ = held(pipe)
    reviews, results = Reviews(pipe.s.settings, pipe.s.clients), Results(pipe.s.settings, pipe.s.clients)
    assert [i["result_id"] for i in results.review_queue("NORTHWIND")] == [ref.result_id]
    assert reviews.decide(ref, Decision.RELEASE, by="rev1", reason="checked with the ward") is Release.RELEASED
    with pytest.raises(Conflict):
        reviews.decide(ref, Decision.REJECT, by="rev2", reason="too late")
    after = results.get(ref)
    assert after is not None and after["release"] == "RELEASED" and after["review"]["by"] == "rev1"
    assert results.review_queue("NORTHWIND") == []
    (summary,) = results.for_patient(ref.patient_id)
    assert "reports" not in summary and summary["release"] == "RELEASED"


def test_critical_calls_only_on_critical_results(pipe: Pipeline) -> None:
    ref, _ = held(pipe)
    reviews = Reviews(pipe.s.settings, pipe.s.clients)
    now = datetime.now(UTC)
    reviews.record_call(ref, review.critical_call("Dr Rivera", now, True, "rev1", now))
    item = Results(pipe.s.settings, pipe.s.clients).get(ref)
    assert (
        item is not None and item["critical_calls"][0]["told"] == "Dr Rivera" and item["critical_calls"][0]["read_back"]
    )
    normal = pipe.post(pipe.sample("cmp.json").replace(b"MRN-00482913", b"MRN-2"))[1]["result_id"]
    pipe.process([normal])
    other = Results(pipe.s.settings, pipe.s.clients).find(normal)
    assert other is not None
    with pytest.raises(Conflict):
        reviews.record_call(ResultRef(str(other["patient_id"]), normal), review.critical_call("X", now, True, "r", now))


def test_a_correction_is_a_new_version_recomputed_by_labcore(pipe: Pipeline) -> None:
    ref, item = held(pipe)
    reviews = Reviews(pipe.s.settings, pipe.s.clients)
    index = [r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Potassium")
    new = corrections.correct(
        reviews,
        item,
        {"sex": "female", "birth_date": "1984-03-12"},
        index,
        "4.3",
        by="rev1",
        reason="haemolysed sample",
    )
    results = Results(pipe.s.settings, pipe.s.clients)
    old, fresh = results.get(ref), results.get(new)
    assert old is not None and fresh is not None
    assert old["superseded_by"] == new.result_id and fresh["supersedes"] == ref.result_id and fresh["version"] == 2
    assert fresh["critical"] == 0 and fresh["corrected"] and fresh["release"] == "RELEASED"
    potassium = json.loads(str(fresh["reports"]))[0]["results"][index]
    assert potassium["value"] == 4.3 and potassium["status"] == "corrected" and potassium["flag"] == "N"
    assert review.earlier_values(json.loads(str(fresh["reports"])), json.loads(str(old["reports"])))
    with pytest.raises(Conflict):  # the old version cannot be corrected twice
        corrections.correct(reviews, old, {}, index, "4.4", by="rev1", reason="again")


def test_the_audit_trail_by_subject_and_by_day(lab: stack.Stack) -> None:
    trail = Audit(lab.settings, lab.clients)
    for action in (audit.Action.RESULT_VIEWED, audit.Action.RESULT_RELEASED):
        trail.write(audit.record(action, actor="s-1", actor_name="rev1", subject="r-1", lab_id="NORTHWIND"))
    trail.write(audit.record(audit.Action.KEY_CREATED, actor="s-2", actor_name="adm", subject="NORTHWIND"))
    assert [r["action"] for r in trail.for_subject("r-1")] == ["result_released", "result_viewed"]
    assert len(trail.recent()) == 3


def test_api_keys_are_rotated_and_revoked_by_id(lab: stack.Stack) -> None:
    labs = Labs(lab.settings, lab.clients)
    (first,) = labs.keys("NORTHWIND")
    assert set(first) >= {"key_id", "state"} and "pk" not in first
    new_key = labs.rotate("NORTHWIND", str(first["key_id"]))
    assert new_key and labs.authenticate(new_key) is not None and labs.authenticate(lab.api_key) is None
    assert labs.rotate("NORTHWIND", "nope") is None
    assert sorted(k["state"] for k in labs.keys("NORTHWIND")) == ["active", "revoked"]


def test_the_sweeper_releases_only_when_the_labs_hold_time_passed(pipe: Pipeline) -> None:
    ref, _ = held(pipe)
    labs = Labs(pipe.s.settings, pipe.s.clients)
    assert release.sweep(pipe.s.settings, pipe.s.clients, datetime.now(UTC) + timedelta(days=365)) == []  # no hold time
    labs.register("NORTHWIND", "Northwind Clinical Laboratory", ["NORTHWIND-CLIN-LAB"], review_hold_hours=2)
    assert release.sweep(pipe.s.settings, pipe.s.clients, datetime.now(UTC) + timedelta(hours=1)) == []
    assert release.sweep(pipe.s.settings, pipe.s.clients, datetime.now(UTC) + timedelta(hours=3)) == [ref.result_id]
    item = Results(pipe.s.settings, pipe.s.clients).get(ref)
    assert item is not None and item["release"] == "RELEASED" and item["review"]["by"] == "policy"
    assert Audit(pipe.s.settings, pipe.s.clients).for_subject(ref.result_id)[0]["action"] == "released_by_policy"
    pipe.drain_notify()
    assert len(pipe.moto.sent_emails()) == 1  # the patient is told once it is released
