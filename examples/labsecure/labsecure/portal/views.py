"""What the result pages show, built from stored items (shared by the patient's and the reviewer's pages)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

from labsecure.domain import history, report_view, review
from labsecure.domain.messages import is_result_id
from labsecure.domain.release import latest_visible, visible_to_patient
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
    """A result with its lines, derived values and, for a correction, the values it replaced and every version."""

    item: Mapping[str, Any]
    view: report_view.ReportView
    earlier: dict[str, str] = field(default_factory=dict)
    findings: list[dict[str, Any]] = field(default_factory=list)
    versions: list[history.Version] = field(default_factory=list)


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


def page(svc: Services, item: Mapping[str, Any], *, for_patient: bool = False) -> ResultPage:
    """The page of one result (for a correction: the values it replaced, and every version before it)."""
    lab = svc.labs.get(str(item.get("lab_id", "")))
    view = report_view.build(item, {}, lab.name if lab else str(item.get("lab_id", "")))
    chain = versions_of(svc, item)
    earlier: dict[str, str] = {}
    if len(chain) > 1:
        names = _display_names(item)
        earlier = {names.get(k, k): v for k, v in review.earlier_values(_reports(item), _reports(chain[1])).items()}
    listed = history.versions(chain, for_patient=for_patient) if len(chain) > 1 else []
    return ResultPage(item=item, view=view, earlier=earlier, findings=reasons(item), versions=listed)


def versions_of(svc: Services, item: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """``item`` and the versions it replaces (``supersedes``, back to the original), newest first."""
    return history.chain(item, svc.results.find)


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


def dashboard_rows(items: list[dict[str, Any]]) -> list[Mapping[str, Any]]:
    """The patient's results list: visible, the latest visible version of each."""
    return latest_visible(items)
