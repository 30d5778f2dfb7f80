"""A file that uses the public API the way an application does; `mypy --strict` checks it against the stubs."""

from __future__ import annotations

import datetime
from typing import Any, Dict, List

import labcore


def flagged_results(payload: Dict[str, Any]) -> List[str]:
    outcome: labcore.Outcome = labcore.process(
        payload, as_of=datetime.datetime.now(datetime.timezone.utc), unit_system="si"
    )
    names: List[str] = []
    for report in outcome.reports:
        for result in report["results"]:
            if result["flag"] not in (None, "N"):
                names.append(str(result["analyte"]))
    return names


def acknowledge(message: bytes) -> str:
    try:
        outcome = labcore.validate(message, format="hl7v2")
    except labcore.ValidationError as err:
        print(err.code, err.path, len(err.findings))
    else:
        print(outcome.status, outcome.ack_codes)
    return labcore.ack(message, control_id="ACK-1")[0]


def scrub(note: str, key: bytes) -> str:
    policy = labcore.Policy.safe_harbor().with_operation("mrn", "pseudonym").with_zip3("census2000")
    redactor = labcore.Redactor(policy, key=key)
    found: List[Dict[str, Any]] = redactor.find(note)
    redacted: labcore.Redacted = redactor.redact(note, format="text", seeds={"name": ["Jane Doe"]})
    print(len(found), [change["category"] for change in redacted.changes])
    return redacted.output


def render(payload: str, lab: labcore.LabCatalog) -> List[Dict[str, Any]]:
    fmt = labcore.detect_format(payload)
    assert fmt is not None
    outcome: Dict[str, Any] = labcore.operation_outcome(payload, lab_catalog=lab)
    print(outcome["resourceType"])
    return labcore.to_fhir(payload, subject="Patient/1", lab_catalog=lab)


def handle(error: labcore.LabcoreError) -> str:
    return f"{type(error).__name__}: {error.code} at {error.path or '-'}"
