"""Error shapes: the right subclass, a stable `.code`, a `.path`, findings for rejections, pickling, and no
patient data in `str()` or `repr()` of any error."""

from __future__ import annotations

import pickle
from typing import Any, Callable, Dict, List

import pytest

import labcore

NAME, MRN, VALUE = "Okonkwo-Fairweather", "MRN-99887766", "7.4219"


def rejected_payload() -> Dict[str, Any]:
    """A payload that is rejected, full of PHI: the name, the MRN and a value appear nowhere in errors."""
    return {
        "patient_id": MRN,
        "patient": {"name": NAME, "birth_date": "1951-02-03", "sex": "F"},
        "lab_id": "LAB-01",
        "test_type": "CMP",
        "collected_at": "not a time " + NAME,
        "results": [{"analyte": NAME, "value": VALUE + "x", "unit": "furlongs " + MRN}],
    }


def all_text(err: BaseException) -> str:
    return str(err) + repr(err) + repr(err.args)


def test_the_hierarchy() -> None:
    for cls in (labcore.InputError, labcore.ValidationError, labcore.CatalogError, labcore.RedactionError, labcore.OptionError):
        assert issubclass(cls, labcore.LabcoreError)
    assert issubclass(labcore.LabcoreError, ValueError)
    assert labcore.LabcoreError.__module__ == "labcore._errors"


@pytest.mark.parametrize(
    "call, cls, code, path",
    [
        (lambda: labcore.process(b'{"patient_id": '), labcore.InputError, "not_json", "line 1 column 15"),
        (lambda: labcore.process("   "), labcore.InputError, "empty_input", ""),
        (lambda: labcore.process(b"\x00\x01 garbage " + MRN.encode()), labcore.InputError, "unknown_format", ""),
        (lambda: labcore.validate(rejected_payload()), labcore.ValidationError, "payload_rejected", None),
        (lambda: labcore.to_fhir(rejected_payload()), labcore.ValidationError, "report_rejected", None),
        (lambda: labcore.LabCatalog("[[interval]\n" + NAME), labcore.CatalogError, "catalog_syntax", ""),
        (lambda: labcore.Redactor(labcore.Policy.safe_harbor().with_operation("name", "pseudonym")), labcore.RedactionError, "key_required", ""),
        (lambda: labcore.Redactor(key=b"short"), labcore.RedactionError, "key_too_short", "key"),
        (lambda: labcore.process("{}", unit_system="metric"), labcore.OptionError, "invalid_option", "unit_system"),
        (lambda: labcore.process("{}", format="xml"), labcore.OptionError, "invalid_option", "format"),
        (lambda: labcore.Policy.safe_harbor().with_operation("name", "shred"), labcore.OptionError, "invalid_option", "operation"),
        (lambda: labcore.Policy.safe_harbor().with_zip3("census1990"), labcore.OptionError, "invalid_option", "zip3"),
        (lambda: labcore.redact("x", format="pdf"), labcore.OptionError, "invalid_option", "format"),
        # Redaction fails closed: what it cannot read is an error, never "nothing to change".
        (lambda: labcore.redact(bytes(range(256)) * 16 + MRN.encode()), labcore.InputError, "unreadable_input", ""),
        (lambda: labcore.redact(b"\x00\x01 garbage " + MRN.encode(), format="text"), labcore.InputError, "unreadable_input", ""),
        (lambda: labcore.redact(b"\x00\x01 garbage " + MRN.encode(), format="hl7v2"), labcore.InputError, "unreadable_input", ""),
        (lambda: labcore.redact("[" * 50_000 + "]" * 50_000), labcore.InputError, "input_too_deep", ""),
        (lambda: labcore.redact('{"resourceType": "Bundle", "entry": ' + "[" * 20_000 + "]" * 20_000 + "}"), labcore.InputError, "input_too_deep", ""),
    ],
)
def test_each_failure_raises_its_class_with_code_and_path(call: Callable[[], Any], cls: type, code: str, path: Any) -> None:
    with pytest.raises(cls) as caught:
        call()
    err = caught.value
    assert err.code == code
    if path is not None:
        assert err.path == path
    else:
        assert err.path, "a rejection names where its first error is"
    assert NAME not in all_text(err) and MRN not in all_text(err) and VALUE not in all_text(err)


def test_a_rejection_carries_every_finding_as_data() -> None:
    with pytest.raises(labcore.ValidationError) as caught:
        labcore.validate(rejected_payload(), as_of="2026-11-25T12:00:00Z")
    findings: List[Dict[str, Any]] = caught.value.findings
    codes = {f["code"] for f in findings}
    assert {"invalid_value", "unknown_analyte", "value_not_numeric"} <= codes, codes
    assert all({"code", "severity", "path", "message"} <= f.keys() for f in findings)
    assert caught.value.path == next(f["path"] for f in findings if f["severity"] == "error")
    rendered = repr(findings)
    assert NAME not in rendered and MRN not in rendered and VALUE not in rendered


def test_hl7_rejections_are_located_in_the_message() -> None:
    message = "MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|1|P|2.5.1\rPID|1||" + MRN + "||" + NAME + "\rOBR|1|||CBC\rOBX|1|NM|718-7^Hemoglobin^LN||abc|g/dL|||||F\r"
    with pytest.raises(labcore.ValidationError) as caught:
        labcore.validate(message, as_of="2026-11-25T12:00:00Z")
    assert caught.value.path.startswith(("OBX", "OBR", "MSH", "PID")), caught.value.path
    assert NAME not in all_text(caught.value) and MRN not in all_text(caught.value)


def test_errors_pickle_with_their_attributes() -> None:
    with pytest.raises(labcore.ValidationError) as caught:
        labcore.validate(rejected_payload())
    for err in (caught.value, labcore.InputError("input is empty", "empty_input", "")):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err)
        assert (str(back), back.code, back.path, back.findings) == (str(err), err.code, err.path, err.findings)


def test_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        labcore.process(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        labcore.process({"patient_id": object()})
    with pytest.raises(labcore.OptionError):
        labcore.process({"value": float("nan")})


def test_naive_datetimes_are_refused() -> None:
    import datetime

    with pytest.raises(labcore.OptionError) as caught:
        labcore.process("{}", as_of=datetime.datetime(2026, 11, 25, 12))
    assert caught.value.path == "as_of"


def _prior(**changes: Any) -> Dict[str, Any]:
    entry: Dict[str, Any] = {"analyte": "creatinine", "value": 1.0, "unit": "mg/dL", "collected_at": "2026-11-23T08:00:00Z"}
    entry.update(changes)
    return entry


@pytest.mark.parametrize(
    "priors, path",
    [
        (42, "priors"),
        ({"analyte": NAME}, "priors"),
        (NAME, "priors"),
        ([NAME], "priors[0]"),
        ([_prior(), _prior(value=NAME)], "priors[1].value"),
        ([_prior(value=10**400)], "priors[0].value"),
        ([_prior(value=True)], "priors[0].value"),
        ([_prior(analyte=7)], "priors[0].analyte"),
        ([_prior(unit=None)], "priors[0].unit"),
        ([_prior(collected_at=NAME)], "priors[0].collected_at"),
        ([_prior(collected_at=20261123)], "priors[0].collected_at"),
        ([_prior(patient_id=7)], "priors[0].patient_id"),
        ([{k: v for k, v in _prior().items() if k != "value"}], "priors[0].value"),
    ],
)
def test_bad_priors_are_option_errors_naming_the_prior(priors: Any, path: str) -> None:
    # Not Python's TypeError or OverflowError: the binding's option error, with the entry and field as its path.
    with pytest.raises(labcore.OptionError) as caught:
        labcore.process("{}", priors=priors)
    assert (caught.value.code, caught.value.path) == ("invalid_option", path)
    assert NAME not in all_text(caught.value)


def test_a_prior_that_is_nan_is_a_finding_not_an_error() -> None:
    payload = {"patient_id": MRN, "lab_id": "LAB-01", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
               "results": [{"analyte": "Creatinine", "value": 1.4, "unit": "mg/dL"}]}
    report = labcore.process(payload, as_of="2026-11-25T12:00:00Z", priors=[_prior(value=float("nan"))]).reports[0]
    assert [(f["code"], f["path"]) for f in report["findings"] if f["code"].startswith("prior")] == [("prior_unusable", "/priors/0")]
