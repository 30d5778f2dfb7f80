"""labcore: validate, normalize and flag clinical lab results, and strip PHI — for Python.

Reads labcore JSON, HL7 v2 ORU^R01 and FHIR R4; answers with plain data (``Outcome.to_dict()``) and raises
:class:`LabcoreError` subclasses carrying a stable ``code`` and a ``path``. Messages never contain patient data.

>>> import labcore
>>> outcome = labcore.process('{"patient_id": "MRN-1", "lab_id": "LAB", "test_type": "CMP",'
...     ' "collected_at": "2026-11-24T08:00:00Z",'
...     ' "results": [{"analyte": "Potassium", "value": 6.8, "unit": "mmol/L"}]}',
...     as_of="2026-11-25T12:00:00Z")
>>> outcome.status, outcome.reports[0]["results"][0]["flag"]
('NEEDS_REVIEW', 'HH')
"""

from labcore._errors import (
    CatalogError,
    InputError,
    LabcoreError,
    OptionError,
    RedactionError,
    ValidationError,
)
from labcore._native import (
    LabCatalog,
    Outcome,
    Policy,
    Redacted,
    Redactor,
    __version__,
    ack,
    detect_format,
    operation_outcome,
    parse_hl7,
    process,
    redact,
    to_fhir,
    validate,
)

__all__ = [
    "CatalogError",
    "InputError",
    "LabCatalog",
    "LabcoreError",
    "OptionError",
    "Outcome",
    "Policy",
    "Redacted",
    "RedactionError",
    "Redactor",
    "ValidationError",
    "__version__",
    "ack",
    "detect_format",
    "operation_outcome",
    "parse_hl7",
    "process",
    "redact",
    "to_fhir",
    "validate",
]
