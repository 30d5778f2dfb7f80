"""What the worker keeps of labcore's outcome: the status, the PHI-free report, whether it is a correction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from labsecure.domain.status import Status, from_outcome


@dataclass(frozen=True)
class Processed:
    """A finished result, ready to be written in one conditional update."""

    status: Status
    corrected: bool
    panel: str
    collected_at: str
    abnormal: int
    critical: int
    reports_json: str
    findings: list[dict[str, Any]]


def _is_abnormal(result: Mapping[str, Any]) -> bool:
    return str(result.get("flag") or "N") not in ("N", "")


def _is_critical(result: Mapping[str, Any]) -> bool:
    return str(result.get("flag") or "") in ("HH", "LL", "AA")


def _corrected(reports: Sequence[Mapping[str, Any]], findings: Sequence[Mapping[str, Any]]) -> bool:
    if any(f.get("code") == "result_corrected" for f in findings):
        return True
    return any(r.get("status") == "corrected" for report in reports for r in report.get("results") or [])


def summarise(outcome: Mapping[str, Any]) -> Processed:
    """Summarise ``labcore.Outcome.to_dict()`` (which holds no PHI) for the results table."""
    reports: list[dict[str, Any]] = list(outcome.get("reports") or [])
    findings = [dict(f) for f in outcome.get("findings") or []]
    results = [r for report in reports for r in report.get("results") or []]
    first = reports[0] if reports else {}
    return Processed(
        status=from_outcome(str(outcome.get("status"))),
        corrected=_corrected(reports, findings),
        panel=str(first.get("panel") or ""),
        collected_at=str(first.get("collected_at") or ""),
        abnormal=sum(1 for r in results if _is_abnormal(r)),
        critical=sum(1 for r in results if _is_critical(r)),
        reports_json=json.dumps(reports, separators=(",", ":")),
        findings=findings,
    )


_SEVERITY = (Status.READY, Status.NEEDS_REVIEW, Status.REJECTED)  # the outcome of several: the worst of them


def merge_outcomes(outcomes: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One outcome (as ``labcore.Outcome.to_dict()``) for several payloads of one result — each report of a
    correction is re-run on its own: every report and finding, and the worst status."""
    statuses = [from_outcome(str(o.get("status"))) for o in outcomes]
    return {
        "status": max(statuses, key=_SEVERITY.index).value if statuses else Status.REJECTED.value,
        "reports": [r for o in outcomes for r in o.get("reports") or []],
        "findings": [f for o in outcomes for f in o.get("findings") or []],
    }


def public_findings(findings: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Findings as a client is shown them (code, severity, path, location, message — labcore's, PHI-free)."""
    keys = ("code", "severity", "path", "location", "message")
    return [{k: f.get(k) for k in keys if k in f} for f in findings]
