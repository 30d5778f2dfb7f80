"""The ingest API's refusals and resubmissions: each leaves nothing behind that it should not."""

from __future__ import annotations

import json

from conftest import Pipeline, object_keys, queue_depth, scan

from labsecure.stores.labs import Labs


def nothing_stored(pipe: Pipeline) -> bool:
    names = pipe.s.settings.names
    return (
        not object_keys(pipe.s, names.raw_bucket)
        and not scan(pipe.s, names.results_table)
        and not scan(pipe.s, names.idempotency_table)
        and queue_depth(pipe.s, names.ingest_queue) == 0
        # the enrolled demo patient is the only patient record
        and len(scan(pipe.s, names.patients_table)) == 1
    )


def test_health_needs_no_key_and_reveals_nothing(pipe: Pipeline) -> None:
    assert pipe.get("/api/v1/health", key=None) == (200, {"status": "ok"})


def test_rejected_labcore_payload_is_422_with_findings_and_nothing_stored(pipe: Pipeline) -> None:
    status, answer = pipe.post(pipe.sample("rejected.json"))
    assert status == 422 and answer["error"]["code"] == "payload_rejected"
    assert {f["code"] for f in answer["findings"]} >= {"invalid_loinc", "unit_incompatible"}
    assert nothing_stored(pipe)


def test_rejected_hl7_answers_an_hl7_ack(pipe: Pipeline) -> None:
    status, answer = pipe.post(
        b"MSH|^~\\&|A|B|C|D|20261124||ORU^R01|X1|P|2.5.1\rOBX|1|NM|||abc|||||F\r", "x-application/hl7-v2+er7"
    )
    assert status == 422 and answer["ack"].startswith("MSH|") and "MSA|A" in answer["ack"]
    assert nothing_stored(pipe)


def test_rejected_fhir_answers_an_operation_outcome(pipe: Pipeline) -> None:
    status, answer = pipe.post(b'{"resourceType": "Observation", "status": "final"}', "application/fhir+json")
    assert status == 422 and answer["operation_outcome"]["resourceType"] == "OperationOutcome"
    assert nothing_stored(pipe)


def test_unreadable_body_is_422_with_the_input_error_code(pipe: Pipeline) -> None:
    status, answer = pipe.post(b'{"patient_id": ', "application/json")
    assert status == 422 and answer["error"]["code"] == "not_json" and answer["findings"][0]["code"] == "not_json"
    assert nothing_stored(pipe)


def test_payload_without_patient_identifier_is_422(pipe: Pipeline) -> None:
    doc = json.loads(pipe.sample("fhir/lipid-bundle.json"))
    doc["entry"] = [e for e in doc["entry"] if e["resource"]["resourceType"] != "Patient"]
    for entry in doc["entry"]:
        if "subject" in entry["resource"]:
            entry["resource"]["subject"] = {"reference": "Group/ward-7"}  # labcore accepts; no patient named
    status, answer = pipe.post(json.dumps(doc).encode(), "application/fhir+json")
    assert status == 422 and answer["error"]["code"] == "patient_identifier_missing"
    assert nothing_stored(pipe)


def test_oversized_body_is_413(pipe: Pipeline) -> None:
    status, answer = pipe.post(b" " * (pipe.s.settings.max_body_bytes + 1))
    assert status == 413 and answer["error"]["code"] == "payload_too_large"
    assert nothing_stored(pipe)


def test_unknown_media_type_is_415(pipe: Pipeline) -> None:
    status, answer = pipe.post(b"<xml/>", "application/xml")
    assert status == 415 and answer["error"]["code"] == "unsupported_media_type"


def test_missing_wrong_and_revoked_api_keys_are_401(pipe: Pipeline) -> None:
    data = pipe.sample("cmp.json")
    assert pipe.post(data, key=None)[0] == 401 and pipe.post(data, key=None)[1]["error"]["code"] == "api_key_missing"
    assert pipe.post(data, key="lsk_deadbeef_not-a-real-key")[1]["error"]["code"] == "api_key_invalid"
    assert pipe.post(data, key="")[0] == 401
    labs = Labs(pipe.s.settings, pipe.s.clients)
    key = labs.issue_key("NORTHWIND")
    labs.revoke_key(key)
    assert pipe.post(data, key=key)[0] == 401
    assert pipe.get("/api/v1/status/00000000-0000-4000-8000-000000000000", key=None)[0] == 401
    assert nothing_stored(pipe)


def test_a_lab_cannot_submit_under_another_labs_id(pipe: Pipeline) -> None:
    labs = Labs(pipe.s.settings, pipe.s.clients)
    labs.register("CONTOSO", "Contoso Labs", ["CONTOSO-LAB"])
    contoso_key = labs.issue_key("CONTOSO")
    status, answer = pipe.post(pipe.sample("cmp.json"), key=contoso_key)  # the payload says NORTHWIND-CLIN-LAB
    assert status == 403 and answer["error"]["code"] == "lab_mismatch"
    assert nothing_stored(pipe)


def test_status_answers_only_the_submitting_lab(pipe: Pipeline) -> None:
    _, answer = pipe.post(pipe.sample("cmp.json"))
    rid = answer["result_id"]
    assert pipe.get(f"/api/v1/status/{rid}") == (200, pipe.get(f"/api/v1/status/{rid}")[1])
    labs = Labs(pipe.s.settings, pipe.s.clients)
    labs.register("CONTOSO", "Contoso Labs", ["CONTOSO-LAB"])
    other = pipe.get(f"/api/v1/status/{rid}", key=labs.issue_key("CONTOSO"))
    missing = pipe.get("/api/v1/status/00000000-0000-4000-8000-000000000000")
    assert other == missing == (404, {"error": {"code": "not_found", "message": "not found"}})


def test_same_content_twice_gives_the_same_result_and_one_item(pipe: Pipeline) -> None:
    first = pipe.post(pipe.sample("cmp.json"))
    second = pipe.post(pipe.sample("cmp.json"))
    assert first[0] == second[0] == 202 and first[1]["result_id"] == second[1]["result_id"]
    names = pipe.s.settings.names
    assert len(scan(pipe.s, names.results_table)) == 1 and len(object_keys(pipe.s, names.raw_bucket)) == 1
    assert queue_depth(pipe.s, names.ingest_queue) == 1


def test_idempotency_key_same_payload_same_result_other_payload_refused(pipe: Pipeline) -> None:
    data = pipe.sample("cmp.json")
    first = pipe.post(data, headers={"idempotency-key": "order-4711-attempt"})
    again = pipe.post(data + b"\n", headers={"idempotency-key": "order-4711-attempt"})
    same = pipe.post(data, headers={"idempotency-key": "order-4711-attempt"})
    assert same[1]["result_id"] == first[1]["result_id"]
    assert again == (
        400,
        {
            "error": {
                "code": "idempotency_key_reused",
                "message": "this Idempotency-Key was used for a different payload",
            }
        },
    )
    assert len(scan(pipe.s, pipe.s.settings.names.results_table)) == 1


def test_hl7_resent_with_the_same_msh10_is_one_result(pipe: Pipeline) -> None:
    original = pipe.sample("oru-cbc.hl7")
    resent = original.replace(b"20261124093000-0500", b"20261124093500-0500")  # MSH-7 changed, MSH-10 kept
    assert resent != original
    first, second = pipe.post(original, "x-application/hl7-v2+er7"), pipe.post(resent, "x-application/hl7-v2+er7")
    assert first[1]["result_id"] == second[1]["result_id"]
    assert len(scan(pipe.s, pipe.s.settings.names.results_table)) == 1


def test_an_internal_error_answers_500_with_a_code_and_no_trace(pipe: Pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from labsecure.stores.objects import Objects

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("MRN-00482913 secret detail")

    monkeypatch.setattr(Objects, "put_raw", broken)
    status, answer = pipe.post(pipe.sample("cmp.json"))
    assert (status, answer) == (500, {"error": {"code": "internal_error", "message": "internal error"}})
    assert not scan(pipe.s, pipe.s.settings.names.idempotency_table)  # a failed run does not block a retry
