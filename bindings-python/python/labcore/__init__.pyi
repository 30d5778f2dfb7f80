"""labcore's public API (the names re-exported from the native module and the error classes)."""

from labcore._errors import (
    CatalogError as CatalogError,
    InputError as InputError,
    LabcoreError as LabcoreError,
    OptionError as OptionError,
    RedactionError as RedactionError,
    ValidationError as ValidationError,
)
from labcore._native import (
    LabCatalog as LabCatalog,
    Outcome as Outcome,
    Policy as Policy,
    Redacted as Redacted,
    Redactor as Redactor,
    __version__ as __version__,
    ack as ack,
    detect_format as detect_format,
    operation_outcome as operation_outcome,
    parse_hl7 as parse_hl7,
    process as process,
    redact as redact,
    to_fhir as to_fhir,
    validate as validate,
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
