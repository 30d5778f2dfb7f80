"""The CaseWorker's pages (``/staff/cases``), for patients of the case worker's own lab: find a patient by
MRN (posted, so it is in no URL or access log), see the status of each result and its notification, correct the
contact address, resend a notification. Never a value, flag or count of abnormal results."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from labsecure.domain import audit
from labsecure.domain.messages import ResultRef
from labsecure.domain.roles import Role
from labsecure.errors import NotFound, RequestError
from labsecure.portal import views
from labsecure.portal.forms import ActionForm, ContactForm, SearchForm
from labsecure.portal.guard import require, user
from labsecure.portal.services import services

bp = Blueprint("cases", __name__, url_prefix="/staff/cases")

# What a case worker sees of a result: where it is, not what it says.
CASE_FIELDS = ("result_id", "collected_at", "completed_at", "status", "release", "panel", "version", "notify_status")


def _patient(patient_id: str) -> dict[str, Any]:
    record = services().patients.record(patient_id) if patient_id.startswith("p-") else None
    if record is None or record.get("lab_id") != user().lab_id:
        raise NotFound()
    return record


@bp.route("", methods=["GET", "POST"])
@require(Role.CASE_WORKER)
def search() -> Any:
    """Find a patient of the lab by MRN."""
    form = SearchForm()
    missing = False
    if form.validate_on_submit():
        found = services().patients.find(user().lab_id, str(form.mrn.data).strip())
        if found is not None:
            return redirect(url_for("cases.patient", patient_id=found["patient_id"]), code=303)
        missing = True
    return render_template("portal/cases_search.html", form=form, missing=missing), (404 if missing else 200)


@bp.route("/<patient_id>")
@require(Role.CASE_WORKER)
def patient(patient_id: str) -> str:
    """A patient's results (status and notification only) and contact address."""
    record = _patient(patient_id)
    services().audit(audit.Action.CASE_VIEWED, patient_id, user().lab_id)
    items = [{k: i.get(k) for k in CASE_FIELDS} for i in services().results.for_patient(patient_id)]
    return render_template(
        "portal/cases_patient.html",
        patient_id=patient_id,
        mrn=record.get("mrn", ""),
        contact=record.get("email", ""),
        results=items,
        words=views.STATUS_WORDS,
        contact_form=ContactForm(),
        action=ActionForm(),
    )


@bp.route("/<patient_id>/contact", methods=["POST"])
@require(Role.CASE_WORKER)
def contact(patient_id: str) -> Response:
    """Change the patient's contact address (the audit records that it changed, not the address)."""
    _patient(patient_id)
    form = ContactForm()
    if not form.validate_on_submit():
        raise RequestError("the email address is not valid", code="email_invalid")
    services().patients.set_contact(patient_id, str(form.email.data).strip())
    services().audit(audit.Action.CONTACT_UPDATED, patient_id, user().lab_id)
    return redirect(url_for("cases.patient", patient_id=patient_id), code=303)


@bp.route("/<patient_id>/results/<result_id>/resend", methods=["POST"])
@require(Role.CASE_WORKER)
def resend(patient_id: str, result_id: str) -> Response:
    """Send the "results ready" email of a released result again."""
    _patient(patient_id)
    form = ActionForm()
    if not form.validate_on_submit():
        raise RequestError()
    ref = ResultRef(patient_id, result_id)
    if services().results.get(ref) is None:
        raise NotFound()
    services().reviews.resend(ref)
    services().notify.send(ref)
    services().audit(audit.Action.NOTIFICATION_RESENT, result_id, user().lab_id)
    return redirect(url_for("cases.patient", patient_id=patient_id), code=303)
