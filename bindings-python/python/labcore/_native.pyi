"""Type stubs of the native module (checked against the build with ``mypy.stubtest``)."""

from datetime import datetime
from typing import Any, Dict, List, Literal, Mapping, Optional, Sequence, Union, final

_Payload = Union[str, bytes, bytearray, Dict[str, Any], List[Any]]
_Time = Union[datetime, str]
_FormatName = Literal["auto", "labcore", "fhir", "hl7v2"]
_UnitSystemName = Literal["conventional", "si"]
_Seeds = Mapping[str, Union[str, Sequence[str]]]

__version__: str
__all__ = [
    "__version__",
    "LabCatalog",
    "Outcome",
    "Policy",
    "Redacted",
    "Redactor",
    "ack",
    "detect_format",
    "operation_outcome",
    "parse_hl7",
    "process",
    "redact",
    "to_fhir",
    "validate",
]

@final
class Outcome:
    """What labcore made of an input. Holds no PHI."""

    @property
    def format(self) -> str: ...
    @property
    def accepted(self) -> bool: ...
    @property
    def status(self) -> str: ...
    @property
    def ack_codes(self) -> List[str]: ...
    @property
    def reports(self) -> List[Dict[str, Any]]: ...
    @property
    def findings(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class LabCatalog:
    """A laboratory's own reference intervals, critical limits and delta rules."""

    def __new__(cls, text: str, *, format: Literal["toml", "json"] = "toml", name: str = "lab_catalog") -> LabCatalog: ...
    @property
    def lab_id(self) -> Optional[str]: ...

@final
class Policy:
    """A redaction policy; every method returns a new policy."""

    @staticmethod
    def safe_harbor() -> Policy: ...
    @staticmethod
    def limited_data_set() -> Policy: ...
    @staticmethod
    def categories() -> List[str]: ...
    def with_operation(self, category_name: str, operation: str) -> Policy: ...
    def with_zip3(self, list: str) -> Policy: ...
    def with_shift_days(self, days: int) -> Policy: ...
    def operation(self, category_name: str) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def zip3(self) -> str: ...
    @property
    def needs_key(self) -> bool: ...

@final
class Redacted:
    """A redacted text or document and the list of changes (never the original values)."""

    @property
    def output(self) -> str: ...
    @property
    def format(self) -> Optional[str]: ...
    @property
    def changes(self) -> List[Dict[str, str]]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class Redactor:
    """A policy, its key and the compiled detector; share it between threads."""

    def __new__(cls, policy: Optional[Policy] = None, key: Union[bytes, str, None] = None) -> Redactor: ...
    def redact(
        self,
        data: _Payload,
        *,
        format: Literal["auto", "text", "labcore", "fhir", "hl7v2"] = "auto",
        as_of: Optional[_Time] = None,
        patient: Optional[str] = None,
        seeds: Optional[_Seeds] = None,
    ) -> Redacted: ...
    def find(self, text: str, *, seeds: Optional[_Seeds] = None) -> List[Dict[str, Any]]: ...
    @property
    def policy(self) -> Policy: ...

def process(
    payload: _Payload,
    *,
    format: Optional[_FormatName] = None,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
    priors: Optional[Sequence[Mapping[str, Any]]] = None,
) -> Outcome: ...
def validate(
    payload: _Payload,
    *,
    format: Optional[_FormatName] = None,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
    priors: Optional[Sequence[Mapping[str, Any]]] = None,
) -> Outcome: ...
def parse_hl7(
    message: Union[str, bytes, bytearray],
    *,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
    priors: Optional[Sequence[Mapping[str, Any]]] = None,
) -> Outcome: ...
def ack(
    message: Union[str, bytes, bytearray],
    *,
    control_id: str = "ACK-1",
    timestamp: Optional[_Time] = None,
    include_info: bool = False,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
    priors: Optional[Sequence[Mapping[str, Any]]] = None,
) -> List[str]: ...
def to_fhir(
    payload: _Payload,
    *,
    format: Optional[_FormatName] = None,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
    issued: Optional[_Time] = None,
    subject: Optional[str] = None,
) -> List[Dict[str, Any]]: ...
def operation_outcome(
    payload: _Payload,
    *,
    format: Optional[_FormatName] = None,
    as_of: Optional[_Time] = None,
    unit_system: _UnitSystemName = "conventional",
    lab_catalog: Optional[LabCatalog] = None,
) -> Dict[str, Any]: ...
def detect_format(payload: _Payload) -> Optional[str]: ...
def redact(
    data: _Payload,
    *,
    policy: Optional[Policy] = None,
    key: Union[bytes, str, None] = None,
    format: Literal["auto", "text", "labcore", "fhir", "hl7v2"] = "auto",
    as_of: Optional[_Time] = None,
    patient: Optional[str] = None,
    seeds: Optional[_Seeds] = None,
) -> Redacted: ...
