"""Small helpers shared by the DynamoDB stores: item (de)serialisation, time, conditional-failure checks."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, Mapping

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

_SERIALIZER = TypeSerializer()
_DESERIALIZER = TypeDeserializer()


def _decimals(v: Any) -> Any:
    # DynamoDB numbers are decimals; boto3 refuses floats (to make the rounding explicit): through str, exactly.
    if isinstance(v, float):
        return Decimal(str(v))
    if isinstance(v, dict):
        return {k: _decimals(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decimals(x) for x in v]
    return v


def to_item(values: Mapping[str, Any]) -> dict[str, Any]:
    """A plain dict (str, int, float, bool, lists, dicts; ``None`` dropped) as DynamoDB attribute values."""
    return {k: _SERIALIZER.serialize(_decimals(v)) for k, v in values.items() if v is not None}


def value(v: Any) -> Any:
    """One plain value as a DynamoDB attribute value."""
    return _SERIALIZER.serialize(_decimals(v))


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, set):
        return sorted(_plain(x) for x in v)
    return v


def from_item(item: Mapping[str, Any]) -> dict[str, Any]:
    """A DynamoDB item as a plain dict (numbers as int or float)."""
    return {k: _plain(_DESERIALIZER.deserialize(v)) for k, v in item.items()}


def now() -> str:
    """The current UTC time, RFC 3339 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def is_conditional_failure(err: ClientError) -> bool:
    """Whether a write failed only because its condition did not hold (or a transaction was cancelled so)."""
    code = err.response.get("Error", {}).get("Code", "")
    if code == "ConditionalCheckFailedException":
        return True
    if code == "TransactionCanceledException":
        reasons = err.response.get("CancellationReasons", [])
        return any(r.get("Code") == "ConditionalCheckFailed" for r in reasons) or not reasons
    return False
