"""What the result pages show, built from stored items (shared by the patient's and the reviewer's pages)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from labsecure.domain import report_view, review
from labsecure.domain.messages import is_result_id
from labsecure.domain.release import visible_to_patient
from labsecure.errors import NotFound
from labsecure.portal.services import Services

STATUS_WORDS = {
    "READY": "Final",
    "NEEDS_REVIEW": "Final (reviewed)",
    "REJECTED": "Rejected",
    "RECEIVED": "Received",
    "PROCESSING": "In progress",
}


@dataclass(frozen=True)
class ResultPage:
    """A result with its lines, derived values and, for a correction, the values it replaced."""

    item: Mapping[str, Any]
    view: report_view.ReportView
    earlier: dict[str, str] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)


def own_result(svc: Services, patient_id: str, result_id: str) -> dict[str, Any]:
    """A result the patient may see; ``NotFound`` — the same for another patient's, a held or a missing one."""
    item = svc.results.find(result_id) if is_result_id(result_id) else None
    if item is None or item.get("patient_id") != patient_id or not visible_to_patient(item):
        raise NotFound()
    return item


def lab_result(svc: Services, lab_id: str, result_id: str) -> dict[str, Any]:
    """A finished result of the reviewer's own lab; ``NotFound`` for any other."""
    item = svc.results.find(result_id) if is_result_id(result_id) else None
    if item is None or item.get("lab_id") != lab_id or item.get("status") not in STATUS_WORDS:
        raise NotFound()
    return item


def page(svc: Services, item: Mapping[str, Any]) -> ResultPage:
    """The page of one result (the earlier values looked up when it is a correction)."""
    lab = svc.labs.get(str(item.get("lab_id", "")))
    view = report_view.build(item, {}, lab.name if lab else str(item.get("lab_id", "")))
    earlier: dict[str, str] = {}
    if item.get("supersedes"):
        before = svc.results.find(str(item["supersedes"]))
        if before is not None:
            names = _display_names(item)
            earlier = {names.get(k, k): v for k, v in review.earlier_values(_reports(item), _reports(before)).items()}
    return ResultPage(item=item, view=view, earlier=earlier, findings=reasons(item))


def reasons(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Why a result needs a person: labcore's warnings and errors (the message's and each report's), PHI-free."""
    found = [f for f in json.loads(str(item.get("findings") or "[]")) if isinstance(f, dict)]
    found += [f for report in _reports(item) for f in report.get("findings") or [] if isinstance(f, dict)]
    return [f for f in found if f.get("severity") in ("warning", "error")]


def _reports(item: Mapping[str, Any]) -> list[dict[str, Any]]:
    reports: list[dict[str, Any]] = json.loads(str(item.get("reports") or "[]"))
    return reports


def _display_names(item: Mapping[str, Any]) -> dict[str, str]:
    return {
        str(r.get("analyte")): str(r.get("display") or r.get("analyte"))
        for report in _reports(item)
        for r in report.get("results") or []
    }


def dashboard_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The patient's results list: visible, latest versions only."""
    return [i for i in items if visible_to_patient(i) and not i.get("superseded_by")]
