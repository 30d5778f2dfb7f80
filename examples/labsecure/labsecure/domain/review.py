"""A reviewer's records: the critical-value call and the correction of a result — pure data and checks.

A critical value must be told to a responsible person at once, who reads it back (CLSI GP47, the Joint
Commission's NPSG.02.03.01): the record says whom, when, that the read-back was confirmed, and who called. A
correction is a new version of the result with one value changed, every report re-run through labcore (so flags,
derived values and the status follow the new value), linked to the version it replaces; lines corrected before
stay marked.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Mapping, Sequence

from labsecure.domain.release import format_time
from labsecure.domain.report_view import value_text
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


def locate(reports: Sequence[Mapping[str, Any]], index: int) -> tuple[int, int]:
    """The (report, line) of result ``index`` counted across every report, as the pages number the lines."""
    position = index
    for number, report in enumerate(reports):
        count = len(report.get("results") or [])
        if 0 <= position < count:
            return number, position
        position -= count
    raise RequestError("no such result in this report", code="analyte_invalid")


def corrected_payloads(
    reports: Sequence[Mapping[str, Any]], patient: Mapping[str, Any], lab_id: str, index: int, value: str
) -> list[bytes]:
    """labcore JSON payloads of a stored result — one per report (a payload carries one) — with result ``index``
    (counted across every report) set to ``value``, for labcore to re-run every report.

    The demographics labcore needs for ranges and derived values come from the patients store and exist only in
    these payloads, in memory.
    """
    if not _NUMBER.match(value.strip()):
        raise RequestError("the corrected value must be a number", code="value_invalid")
    where, line = locate(reports, index)
    person = {k: patient[k] for k in ("sex", "birth_date") if patient.get(k)}
    return [
        _payload(report, person, lab_id, {line: value.strip()} if number == where else {})
        for number, report in enumerate(reports)
    ]


def _payload(report: Mapping[str, Any], person: Mapping[str, str], lab_id: str, changed: Mapping[int, str]) -> bytes:
    lines = []
    for position, row in enumerate(report.get("results") or []):
        line: dict[str, Any] = {
            "analyte": row.get("display") or row.get("analyte"),
            "value": changed.get(position, _original_value(row)),
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
    if person:
        payload["patient"] = dict(person)
    return json.dumps(payload).encode("utf-8")


def _original_value(row: Mapping[str, Any]) -> Any:
    if row.get("value") is None:
        return row.get("text") or ""
    # As reported, to its significant digits ("140", not the stored float's "140.0"): labcore reads the
    # precision from the text, and a re-run must not change the lines the correction leaves alone.
    return value_text(row)


def mark_corrected(
    reports: list[dict[str, Any]], previous: Sequence[Mapping[str, Any]], index: int
) -> list[dict[str, Any]]:
    """Re-run ``reports`` with result ``index`` marked ``corrected`` (as a corrected OBX is), and every line the
    version it replaces had marked: a second correction keeps the first one's mark."""
    marks = {locate(reports, index)}
    for number, report in enumerate(previous):
        for line, row in enumerate(report.get("results") or []):
            if row.get("status") == "corrected":
                marks.add((number, line))
    for number, line in marks:
        results = (reports[number].get("results") or []) if number < len(reports) else []
        if line < len(results):
            results[line]["status"] = "corrected"
    return reports


def earlier_values(current: Sequence[Mapping[str, Any]], previous: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """For each result whose value differs from the version it replaces: its earlier value, by analyte."""
    before = {str(r.get("analyte")): value_text(r) for report in previous for r in report.get("results") or []}
    changed = {}
    for report in current:
        for r in report.get("results") or []:
            key = str(r.get("analyte"))
            if key in before and before[key] != value_text(r):
                changed[key] = before[key]
    return changed
