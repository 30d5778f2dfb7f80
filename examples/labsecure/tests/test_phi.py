"""No PHI outside the data stores: a planted name, MRN, birth date and phone, in all three formats, must not
appear in any log line, SQS message, S3 key, DynamoDB key (or non-PHI item), API answer or email of the run.

The data stores that may hold them: the raw bucket's objects (the submissions as sent), the patients table's
attributes (not its keys) and the reports bucket's PDFs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import Pipeline, scan

from labsecure.domain.identity import Identity
from labsecure.local.context import LocalContext
from labsecure.stores.patients import Patients

NAME = ("Zebulon", "Quixleyworth")
MRN = "MRN-7731995"
PLANTED = ["zebulon", "quixleyworth", "7731995", "1961-07-04", "19610704", "867-5309", "8675309", "07/04/1961"]

LABCORE = {
    "patient_id": MRN,
    "lab_id": "NORTHWIND-CLIN-LAB",
    "test_type": "CMP",
    "collected_at": "2026-11-24T07:42:00-05:00",
    "patient": {"sex": "male", "birth_date": "1961-07-04"},
    "results": [
        {"analyte": "Sodium", "value": 139, "unit": "mmol/L"},
        {"analyte": "Potassium", "value": 4.2, "unit": "mmol/L"},
    ],
    "comments": ["Zebulon Quixleyworth, DOB 07/04/1961, call 555-867-5309 with results."],
}
HL7 = (
    "MSH|^~\\&|NW LIS|NORTHWIND CLINICAL LAB|EHR|CLINIC|20261124093000-0500||ORU^R01|PHI-TEST-1|P|2.5.1\r"
    f"PID|1||{MRN}^^^NW^MR||QUIXLEYWORTH^ZEBULON||19610704|M|||1 ELM ST^^SPRINGFIELD^IL^62704||^PRN^PH^^^555^8675309\r"
    "OBR|1|ORD-1|ACC-1|24323-8^CMP^LN|||202611240742\r"
    "NTE|1||Patient Zebulon Quixleyworth asked to be called at 555-867-5309\r"
    "OBX|1|NM|2951-2^Sodium^LN||139|mmol/L|135-145|N|||F\r"
)
FHIR = {
    "resourceType": "Bundle",
    "type": "collection",
    "entry": [
        {
            "resource": {
                "resourceType": "Patient",
                "id": "pz",
                "identifier": [
                    {
                        "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]},
                        "value": MRN,
                    }
                ],
                "name": [{"family": "Quixleyworth", "given": ["Zebulon"]}],
                "birthDate": "1961-07-04",
                "telecom": [{"system": "phone", "value": "555-867-5309"}],
            }
        },
        {
            "resource": {
                "resourceType": "Observation",
                "id": "na",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "2951-2"}]},
                "subject": {"reference": "Patient/pz"},
                "effectiveDateTime": "2026-11-24T07:42:00-05:00",
                "valueQuantity": {
                    "value": 139,
                    "unit": "mmol/L",
                    "system": "http://unitsofmeasure.org",
                    "code": "mmol/L",
                },
                "note": [{"text": "Zebulon Quixleyworth 555-867-5309"}],
            }
        },
    ],
}


def leaks(text: str) -> list[str]:
    lower = text.lower()
    return [token for token in PLANTED if token in lower]


@pytest.fixture
def spied(pipe: Pipeline) -> tuple[Pipeline, list[str]]:
    """Record the parameters of every SQS send and every DynamoDB key/item written by this run."""
    seen: list[str] = []

    def record(params: dict[str, Any], **_: Any) -> None:
        for name in ("MessageBody", "Key", "Entries", "TransactItems"):
            if name in params:
                seen.append(json.dumps(params[name], default=str))

    pipe.s.clients.sqs.meta.events.register("before-call.sqs.*", record)
    pipe.s.clients.dynamodb.meta.events.register("before-call.dynamodb.*", record)
    pipe.s.clients.s3.meta.events.register(
        "before-call.s3.*", lambda params, **_: seen.append(str(params.get("Key", "")))
    )
    return pipe, seen


def test_no_planted_identifier_leaves_the_data_stores(
    spied: tuple[Pipeline, list[str]], capfd: pytest.CaptureFixture[str]
) -> None:
    pipe, seen = spied
    s = pipe.s
    Patients(s.settings, s.clients).enrol("NORTHWIND", Identity(mrn=MRN), "recipient@example.org")
    answers = [
        pipe.post(json.dumps(LABCORE).encode()),
        pipe.post(HL7.encode(), "x-application/hl7-v2+er7"),
        pipe.post(json.dumps(FHIR).encode(), "application/fhir+json"),
    ]
    assert [status for status, _ in answers] == [202, 202, 202], answers
    ids = [answer["result_id"] for _, answer in answers]
    statuses = pipe.process(ids)
    pipe.drain_notify()
    reports = [pipe.report({"result_id": rid}, LocalContext("report")) for rid in ids]
    answers += [pipe.get(f"/api/v1/status/{rid}") for rid in ids]

    names = s.settings.names
    captured = capfd.readouterr()
    evidence = {
        "log lines": captured.out + captured.err,
        "api answers": json.dumps(answers),
        "aws call parameters (SQS bodies, DynamoDB keys and results items, S3 keys)": "\n".join(seen),
        "emails": json.dumps(pipe.moto.sent_emails()),
        "report answers": json.dumps(reports),
    }
    for bucket in (names.raw_bucket, names.reports_bucket):
        versions = s.clients.s3.list_object_versions(Bucket=bucket).get("Versions", [])
        evidence[f"keys in {bucket}"] = "\n".join(v["Key"] for v in versions)
    for table in (names.results_table, names.labs_table, names.idempotency_table):
        evidence[f"items of {table}"] = json.dumps(scan(s, table))  # not PHI stores: whole items
    patients = scan(s, names.patients_table)
    evidence["patients table keys"] = json.dumps([{k: p[k] for k in ("lookup", "patient_id")} for p in patients])

    for where, text in evidence.items():
        assert leaks(text) == [], f"planted PHI in {where}"
    # …and the data stores do hold it (so the test planted what it meant to).
    ready = list(statuses.values()).count("READY")
    assert ready >= 1 and len(pipe.moto.sent_emails()) == ready
    assert any(p.get("family", "").lower() == "quixleyworth" and p["mrn"] == MRN for p in patients)
    raw = [
        s.clients.s3.get_object(Bucket=names.raw_bucket, Key=k["Key"])["Body"].read()
        for k in s.clients.s3.list_objects_v2(Bucket=names.raw_bucket)["Contents"]
    ]
    assert all(b"7731995" in r for r in raw) and "log lines" in evidence and len(evidence["log lines"]) > 1000
