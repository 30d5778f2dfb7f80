"""Conversions: every input type gives the same answer, results are plain JSON-serialisable data, options and
classes convert as documented. (What the answers are is the core's business, tested in Rust and by the
conformance corpus.)"""

from __future__ import annotations

import datetime
import json
from typing import Any, Dict

import labcore

AS_OF = "2026-11-25T12:00:00Z"


def test_str_bytes_bytearray_and_dict_give_the_same_outcome(sample_payload: Dict[str, Any]) -> None:
    text = json.dumps(sample_payload)
    answers = {
        labcore.process(given, as_of=AS_OF).to_json()
        for given in (text, text.encode(), bytearray(text.encode()), sample_payload)
    }
    assert len(answers) == 1


def test_an_outcome_is_plain_json_serialisable_data(sample_payload: Dict[str, Any]) -> None:
    outcome = labcore.process(sample_payload, as_of=AS_OF)
    whole = outcome.to_dict()
    assert json.loads(json.dumps(whole)) == whole == json.loads(outcome.to_json())
    assert set(whole) == {"format", "accepted", "status", "reports", "findings", "ack_codes"}
    assert (outcome.format, outcome.accepted, outcome.status) == ("labcore", True, "NEEDS_REVIEW")
    assert outcome.reports == whole["reports"] and outcome.ack_codes == []
    assert repr(outcome) == "Outcome(format=\"labcore\", status=\"NEEDS_REVIEW\", reports=1, findings=3)"
    # Each access is a fresh copy: mutating it changes nothing.
    outcome.reports[0]["results"].clear()
    assert outcome.reports[0]["results"]


def test_times_are_aware_datetimes_or_rfc3339_strings(sample_payload: Dict[str, Any]) -> None:
    aware = datetime.datetime(2026, 11, 25, 7, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    assert labcore.process(sample_payload, as_of=aware).to_json() == labcore.process(sample_payload, as_of=AS_OF).to_json()
    # The default is now: the payload, collected in 2026, is not in the future.
    assert labcore.process(sample_payload).accepted


def test_unit_system_priors_and_lab_catalog_reach_the_core(sample_payload: Dict[str, Any]) -> None:
    glucose = dict(sample_payload, results=[{"analyte": "Glucose", "value": 100, "unit": "mg/dL"}])
    result = labcore.process(glucose, as_of=AS_OF, unit_system="si").reports[0]["results"][0]
    assert result["unit"] == "mmol/L"
    creatinine = dict(sample_payload, results=[{"analyte": "Creatinine", "value": 1.5, "unit": "mg/dL"}])
    collected = datetime.datetime(2026, 11, 23, 8, tzinfo=datetime.timezone.utc)
    priors = [{"analyte": "creatinine", "value": 1.0, "unit": "mg/dL", "collected_at": collected}]
    delta = labcore.process(creatinine, as_of=AS_OF, priors=priors).reports[0]["results"][0]["delta"]
    assert delta is not None and labcore.process(creatinine, as_of=AS_OF).reports[0]["results"][0]["delta"] is None
    lab = labcore.LabCatalog('lab_id = "LAB-01"\n[[interval]]\nanalyte = "potassium"\nunit = "mmol/L"\nlow = 3.0\nhigh = 7.0\nsource = "our lab"\n')
    assert lab.lab_id == "LAB-01"
    flagged = labcore.process(sample_payload, as_of=AS_OF, lab_catalog=lab).reports[0]["results"][0]
    assert flagged["range"]["origin"] == "lab_catalog"


def test_formats_are_detected_and_can_be_forced() -> None:
    message = "MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|1|P|2.5.1\rPID|1||X\rOBR|1|||CBC|||202611240742\rOBX|1|NM|718-7^Hgb^LN||13.2|g/dL|||||F\r"
    assert labcore.detect_format(message) == "hl7v2"
    assert labcore.detect_format({"resourceType": "Observation"}) == "fhir"
    assert labcore.detect_format(b"\x00garbage") is None
    assert labcore.parse_hl7(b"\x00garbage").ack_codes == []  # read as HL7: no message, rejected, not raised
    assert labcore.ack(b"\x00garbage", as_of=AS_OF)[0].startswith("MSH|")


def test_fhir_and_operation_outcome_are_dicts(sample_payload: Dict[str, Any]) -> None:
    reports = labcore.to_fhir(sample_payload, as_of=AS_OF, subject="Patient/123")
    assert [r["resourceType"] for r in reports] == ["DiagnosticReport"]
    assert reports[0]["subject"] == {"reference": "Patient/123"}
    outcome = labcore.operation_outcome({"results": "nope"}, as_of=AS_OF)
    assert outcome["resourceType"] == "OperationOutcome" and outcome["issue"]


def test_redaction_converts_offsets_categories_and_changes() -> None:
    text = "Señora Zoë Brontë-Ng called 217-555-0199"
    redactor = labcore.Redactor()
    found = redactor.find(text, seeds={"name": "Zoë Brontë-Ng"})
    # Offsets land on the seeded name, with the social title the recall-first search masks with it, and the phone.
    by_text = {text[f["start"] : f["end"]]: f["category"] for f in found}
    assert by_text["Señora Zoë Brontë-Ng"] == "name" and by_text["217-555-0199"] == "phone"
    redacted = labcore.redact(text, as_of=AS_OF, seeds={"name": ["Zoë Brontë-Ng"]})
    assert redacted.format is None and "Zoë" not in redacted.output
    assert redacted.to_dict() == {"format": None, "output": redacted.output, "changes": redacted.changes}
    assert all(set(c) == {"category", "operation", "location"} for c in redacted.changes)


def test_structured_redaction_keeps_the_format(sample_payload: Dict[str, Any]) -> None:
    redacted = labcore.redact(sample_payload, as_of=AS_OF)
    assert redacted.format == "labcore"
    output = json.loads(redacted.output)
    assert "MRN-7741-SECRET" not in redacted.output and output["results"] == sample_payload["results"]


def test_policies_are_immutable_values() -> None:
    base = labcore.Policy.safe_harbor()
    custom = base.with_operation("mrn", "pseudonym").with_zip3("census2000").with_shift_days(30)
    assert (base.operation("mrn"), custom.operation("mrn")) == ("mask", "pseudonym")
    assert (custom.zip3, custom.needs_key, base.needs_key) == ("census2000", True, False)
    assert "name" in labcore.Policy.categories() and labcore.Policy.limited_data_set().operation("zip") == "keep"
    one = labcore.Redactor(custom, key="k" * 16).redact("MRN: 4471902", as_of=AS_OF).output
    other = labcore.Redactor(custom, key="j" * 16).redact("MRN: 4471902", as_of=AS_OF).output
    assert one != other and "4471902" not in one
