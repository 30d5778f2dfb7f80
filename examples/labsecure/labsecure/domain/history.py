"""A result's versions, as the result pages list them: every earlier version with its values, who issued it, when
and why — pure data, built from stored items (a result and the versions it replaces, newest first).

A version is the ``original``; a reviewer's ``correction`` (with their name and reason, ``correction`` on the
item); or a ``resubmission`` (the lab sent a corrected result for the same order). Each lists its values of the
lines that differ between versions — what was corrected, in every version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from labsecure.domain.release import Release, visible_to_patient
from labsecure.domain.report_view import row
from labsecure.domain.status import Status

MAX_VERSIONS = 50  # a chain is followed this far back at most (a guard: real chains have a few)


@dataclass(frozen=True)
class Version:
    """One version of a result."""

    result_id: str
    version: int
    kind: str
    at: str
    by: str
    reason: str
    values: tuple[str, ...]
    visible: bool
    current: bool


def chain(item: Mapping[str, Any], find: Callable[[str], Mapping[str, Any] | None]) -> list[Mapping[str, Any]]:
    """``item`` and the versions it replaces (``supersedes``, back to the original), newest first; ``find`` looks a
    result up by id. The walk stops at a missing, repeated or other patient's version, and after ``MAX_VERSIONS``."""
    found, seen = [item], {str(item.get("result_id"))}
    while found[-1].get("supersedes") and len(found) < MAX_VERSIONS:
        before = find(str(found[-1]["supersedes"]))
        if before is None or str(before["result_id"]) in seen or before.get("patient_id") != item.get("patient_id"):
            break
        found.append(before)
        seen.add(str(before["result_id"]))
    return found


def _rows(item: Mapping[str, Any]) -> dict[str, str]:
    """Each line's analyte → "Name value unit" (from the stored reports)."""
    reports: list[dict[str, Any]] = json.loads(str(item.get("reports") or "[]"))
    lines = {}
    for report in reports:
        for result in report.get("results") or []:
            shown = row(result)
            lines[str(result.get("analyte"))] = " ".join(p for p in (shown.name, shown.value, shown.unit) if p)
    return lines


def _kind(item: Mapping[str, Any]) -> str:
    if item.get("correction"):
        return "correction"
    return "resubmission" if item.get("supersedes") else "original"


def versions(chain: Sequence[Mapping[str, Any]], *, for_patient: bool = False) -> list[Version]:
    """The versions of ``chain`` (newest first). A patient's list leaves out versions never shown to patients
    (rejected, by labcore or a reviewer) and the reviewers' names."""
    rows = [_rows(item) for item in chain]
    analytes = {a for lines in rows for a in lines}
    changed = sorted(a for a in analytes if len({lines.get(a) for lines in rows}) > 1)
    found = []
    for position, (item, lines) in enumerate(zip(chain, rows, strict=True)):
        withheld = item.get("status") == Status.REJECTED.value or item.get("release") == Release.WITHHELD.value
        if for_patient and withheld:
            continue
        note: Mapping[str, Any] = item.get("correction") or {}
        found.append(
            Version(
                result_id=str(item["result_id"]),
                version=int(item.get("version", 1)),
                kind=_kind(item),
                at=str(note.get("at") or item.get("completed_at") or ""),
                by="" if for_patient else str(note.get("by", "")),
                reason=str(note.get("reason", "")),
                values=tuple(lines[a] for a in changed if a in lines),
                visible=visible_to_patient(item),
                current=position == 0,
            )
        )
    return found
