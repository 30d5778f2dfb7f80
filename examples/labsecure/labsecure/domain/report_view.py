"""What a PDF report (and the portal's result page) shows, built from a stored result: pure data, no I/O.

Flags are given in words and symbols, never colour alone; critical values say so in text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping, Sequence

if TYPE_CHECKING:  # history imports this module's ``row``
    from labsecure.domain.history import Version

FLAG_WORDS = {
    "N": ("Normal", ""),
    "H": ("High", "▲"),
    "L": ("Low", "▼"),
    "HH": ("Critical high", "▲▲"),
    "LL": ("Critical low", "▼▼"),
    "A": ("Abnormal", "◆"),
    "AA": ("Critical abnormal", "◆◆"),
}


@dataclass(frozen=True)
class Row:
    """One result line."""

    name: str
    value: str
    unit: str
    reference: str
    flag: str
    symbol: str
    critical: bool
    corrected: bool = False
    method: str = ""


@dataclass(frozen=True)
class Call:
    """A critical-value call as the report shows it (``domain.review.CriticalCall``)."""

    told: str
    called_at: str
    read_back: bool
    by: str


@dataclass(frozen=True)
class ReportView:
    """Everything the report template needs."""

    result_id: str
    patient_name: str
    patient_mrn: str
    patient_birth_date: str
    patient_sex: str
    lab_name: str
    collected_at: str
    panel: str
    status: str
    version: int
    corrected: bool
    supersedes: str
    rows: list[Row] = field(default_factory=list)
    derived: list[Row] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    versions: Sequence[Version] = ()


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _significant(value: float, digits: int) -> str:
    if value == 0 or digits <= 0:
        return _number(value)
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(value))))
    return f"{value:.{decimals}f}"


def value_text(result: Mapping[str, Any]) -> str:
    """The value as written on the report, to its significant digits (comparator kept; text as text)."""
    number = result.get("value")
    if number is None:
        return str(result.get("text") or (result.get("original") or {}).get("value") or "")
    digits = result.get("significant_digits")
    shown = _significant(float(number), int(digits)) if isinstance(digits, int) else _number(number)
    return f"{result.get('comparator') or ''}{shown}"


def range_text(rng: Mapping[str, Any] | None) -> str:
    """A reference interval as text: ``70–99``, ``≤ 200``, ``≥ 40`` (or the lab's own text)."""
    if not rng:
        return ""
    if rng.get("text"):
        return str(rng["text"])
    low, high = rng.get("low"), rng.get("high")
    if low is not None and high is not None:
        return f"{_number(low)}–{_number(high)}"
    if high is not None:
        return f"{'≤' if rng.get('high_inclusive') else '<'} {_number(high)}"
    if low is not None:
        return f"{'≥' if rng.get('low_inclusive') else '>'} {_number(low)}"
    return ""


def row(result: Mapping[str, Any]) -> Row:
    """One report line for a labcore result (or derived value)."""
    flag = str(result.get("flag") or "")
    words, symbol = FLAG_WORDS.get(flag, (flag, ""))
    return Row(
        name=str(result.get("display") or result.get("analyte") or ""),
        value=value_text(result),
        unit=str(result.get("unit") or ""),
        reference=range_text(result.get("range")),
        flag=words,
        symbol=symbol,
        critical=flag in ("HH", "LL", "AA"),
        corrected=result.get("status") == "corrected",
        method=str(result.get("method") or "") if result.get("derived") else "",
    )


def build(
    item: Mapping[str, Any], patient: Mapping[str, Any], lab_name: str, versions: Sequence[Version] = ()
) -> ReportView:
    """The view of a stored result item, its patient record and lab name; with the versions of a corrected result
    (``domain.history``), listed on the report."""
    reports: list[dict[str, Any]] = json.loads(str(item.get("reports") or "[]"))
    name = " ".join(p for p in (str(patient.get("given", "")), str(patient.get("family", ""))) if p)
    return ReportView(
        result_id=str(item["result_id"]),
        patient_name=name or "(not given)",
        patient_mrn=str(patient.get("mrn", "")),
        patient_birth_date=str(patient.get("birth_date", "")),
        patient_sex=str(patient.get("sex", "")),
        lab_name=lab_name,
        collected_at=str(item.get("collected_at", "")),
        panel=str(item.get("panel", "")),
        status=str(item.get("status", "")),
        version=int(item.get("version", 1)),
        corrected=bool(item.get("corrected")),
        supersedes=str(item.get("supersedes", "")),
        rows=[row(r) for report in reports for r in report.get("results") or []],
        derived=[row(d) for report in reports for d in report.get("derived") or []],
        calls=[
            Call(str(c.get("told", "")), str(c.get("called_at", "")), bool(c.get("read_back")), str(c.get("by", "")))
            for c in item.get("critical_calls") or []
        ],
        versions=versions,
    )
