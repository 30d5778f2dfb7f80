"""labcore's exceptions: one base class and one subclass per category, each with a stable ``code``.

The native module raises these classes (the mapping from the Rust core's errors is in ``src/errors.rs``). Their
messages come from the core and never contain patient data: no name, identifier or value from the input.
They pickle (``__reduce__``), so they cross process pools and task queues intact.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple


class LabcoreError(ValueError):
    """Base class of every labcore error.

    Attributes:
        code: a stable snake_case code (``not_json``, ``payload_rejected``, ``key_required``, …).
        path: where in the input the problem is (``line 1 column 15``, a JSON pointer, ``OBX[3]-5``), or ``""``.
        findings: for a rejected payload, every finding (dicts with ``code``, ``severity``, ``path``,
            ``message``); otherwise empty.
    """

    code: str
    path: str
    findings: List[Dict[str, Any]]

    def __init__(
        self,
        message: str,
        code: str = "labcore_error",
        path: str = "",
        findings: Optional[Sequence[Dict[str, Any]]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.path = path
        self.findings = list(findings or [])

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.code, self.path, self.findings))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, code={self.code!r}, path={self.path!r})"


class InputError(LabcoreError):
    """The input is unusable as a whole: empty, too large, not JSON, or in no format labcore reads."""


class ValidationError(LabcoreError):
    """The payload was read but rejected; ``findings`` lists every problem found (``code`` is
    ``payload_rejected``, or ``report_rejected`` when a rejected report was asked for as FHIR)."""


class CatalogError(LabcoreError):
    """A laboratory catalog could not be loaded (``catalog_syntax``, ``catalog_invalid``)."""


class RedactionError(LabcoreError):
    """Redaction cannot run as asked (``key_required``, ``key_too_short``)."""


class OptionError(LabcoreError):
    """An argument has a value labcore does not know (an unknown unit system, policy, category, operation or
    ZIP3 list, a naive datetime). ``code`` is ``invalid_option``; ``path`` names the argument."""


__all__ = ["LabcoreError", "InputError", "ValidationError", "CatalogError", "RedactionError", "OptionError"]
