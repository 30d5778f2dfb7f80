"""The queue messages: ids only, never a payload value."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from labsecure.errors import PoisonMessage

_RESULT_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_PATIENT_ID = re.compile(r"^p-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class ResultRef:
    """Which result a message is about: the internal patient id (the table's partition key) and result id."""

    patient_id: str
    result_id: str

    def to_body(self) -> str:
        """The SQS message body."""
        return json.dumps({"v": 1, "patient_id": self.patient_id, "result_id": self.result_id}, separators=(",", ":"))


def parse(body: str) -> ResultRef:
    """Read a message body; anything else than two well-formed ids is a ``PoisonMessage``."""
    try:
        doc = json.loads(body)
    except ValueError as err:
        raise PoisonMessage("the message is not JSON") from err
    if not isinstance(doc, dict) or doc.get("v") != 1:
        raise PoisonMessage("the message is not a LabSecure v1 message")
    patient_id, result_id = doc.get("patient_id"), doc.get("result_id")
    if not (isinstance(patient_id, str) and _PATIENT_ID.match(patient_id)):
        raise PoisonMessage("the message has no valid patient id")
    if not (isinstance(result_id, str) and _RESULT_ID.match(result_id)):
        raise PoisonMessage("the message has no valid result id")
    return ResultRef(patient_id=patient_id, result_id=result_id)


def is_result_id(value: str) -> bool:
    """Whether ``value`` has the shape of a result id (anything else is answered 404 without a look-up)."""
    return bool(_RESULT_ID.match(value))
