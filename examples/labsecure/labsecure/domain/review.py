"""A reviewer's records: the critical-value call and the correction of a result — pure data and checks.

A critical value must be told to a responsible person at once, who reads it back (CLSI GP47, the Joint
Commission's NPSG.02.03.01): the record says whom, when, that the read-back was confirmed, and who called. A
correction is a new version of the result with one value changed, re-run through labcore (so flags and derived
values follow the new value), linked to the version it replaces.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Mapping, Sequence

from labsecure.domain.release import format_time
from labsecure.errors import RequestError

MAX_TEXT = 200
_NUMBER = re.compile(r"^[<>]?=?\s*-?\d+(\.\d+)?$")


def clean_text(value: str, field: str, *, limit: int = MAX_TEXT) -> str:
    """Trimmed free text, required and bounded; ``RequestError`` (``<field>_invalid``) otherwise."""
    text = " ".join((value or "").split())
    if not text or len(text) > limit:
        raise RequestError(
            f"the {field.replace('_', ' ')} is required (at most {limit} characters)", code=f"{field}_invalid"
        )
    return text


@dataclass(frozen=True)
class CriticalCall:
    """Who was told a critical value, when, by whom, and that they read it back."""

    told: str
    called_at: str
    read_back: bool
    by: str
    recorded_at: str

    def to_item(self) -> dict[str, Any]:
        """As stored on the result item."""
        return asdict(self)


def critical_call(told: str, called_at: datetime, read_back: bool, by: str, now: datetime) -> CriticalCall:
    """A validated call record: someone named, a time not in the future, the read-back confirmed."""
    if not read_back:
        raise RequestError("a critical value is recorded only once it was read back", code="read_back_required")
    at = called_at if called_at.tzinfo else called_at.replace(tzinfo=UTC)
    if at > now + timedelta(minutes=5) or at < now - timedelta(days=7):
        raise RequestError("the time of the call must be within the last seven days", code="called_at_invalid")
    return CriticalCall(
        told=clean_text(told, "told"),
        called_at=format_time(at.astimezone(UTC)),
        read_back=True,
        by=by,
        recorded_at=format_time(now),
    )


def corrected_payload(
    reports: Sequence[Mapping[str, Any]], patient: Mapping[str, Any], lab_id: str, index: int, value: str
) -> bytes:
    """A labcore JSON payload of a stored result with result ``index`` set to ``value``, for labcore to re-run.

    Only the first report is corrected (LabSecure stores one report per submission). The demographics labcore
    needs for ranges and derived values come from the patients store and exist only in this payload, in memory.
    """
    if not _NUMBER.match(value.strip()):
        raise RequestError("the corrected value must be a number", code="value_invalid")
    report = reports[0] if reports else {}
    results = list(report.get("results") or [])
    if not 0 <= index < len(results):
        raise RequestError("no such result in this report", code="analyte_invalid")
    lines = []
    for position, row in enumerate(results):
        line: dict[str, Any] = {
            "analyte": row.get("display") or row.get("analyte"),
            "value": value.strip() if position == index else _original_value(row),
            "unit": row.get("unit"),
        }
        if row.get("loinc"):
            line["loinc"] = row["loinc"]
        rng = row.get("range") or {}
        if rng.get("origin") == "payload" and rng.get("text"):
            line["reference_range"] = rng["text"]
        lines.append(line)
    payload: dict[str, Any] = {
        "patient_id": "correction",
        "lab_id": report.get("lab_id") or lab_id,
        "test_type": report.get("panel") or "",
        "collected_at": report.get("collected_at") or "",
        "results": lines,
    }
    person = {k: patient[k] for k in ("sex", "birth_date") if patient.get(k)}
    if person:
        payload["patient"] = person
    return json.dumps(payload).encode("utf-8")


def _original_value(row: Mapping[str, Any]) -> Any:
    if row.get("value") is None:
        return row.get("text") or ""
    return f"{row.get('comparator') or ''}{row['value']}"


def mark_corrected(reports: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
    """Reports with result ``index`` of the first report marked ``corrected`` (as a corrected OBX is)."""
    if reports and 0 <= index < len(reports[0].get("results") or []):
        reports[0]["results"][index]["status"] = "corrected"
    return reports


def earlier_values(current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """For each result whose value differs from the version it replaces: its earlier value, by analyte."""
    from labsecure.domain.report_view import value_text

    before = {str(r.get("analyte")): value_text(r) for report in previous for r in report.get("results") or []}
    changed = {}
    for report in current:
        for r in report.get("results") or []:
            key = str(r.get("analyte"))
            if key in before and before[key] != value_text(r):
                changed[key] = before[key]
    return changed
