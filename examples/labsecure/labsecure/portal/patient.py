"""The patient's pages: ``/dashboard``, ``/results/<id>``, its PDF, ``/profile``. Only the signed-in patient's
own released results: any other id — another patient's, a held, rejected or missing one — is the same 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template
from werkzeug.wrappers import Response

from labsecure.domain import audit
from labsecure.domain.roles import Role
from labsecure.errors import NotFound, Unavailable
from labsecure.portal import views
from labsecure.portal.guard import require, user
from labsecure.portal.services import services

bp = Blueprint("patient", __name__)


@bp.route("/dashboard")
@require(Role.PATIENT)
def dashboard() -> str:
    """The patient's results: date, panel, status, how many abnormal."""
    items = services().results.for_patient(user().patient_id)
    return render_template("portal/dashboard.html", results=views.dashboard_rows(items), words=views.STATUS_WORDS)


@bp.route("/results/<result_id>")
@require(Role.PATIENT)
def result(result_id: str) -> str:
    """One result: every line with unit, range and flag in words and symbols; derived values; corrections."""
    svc = services()
    item = views.own_result(svc, user().patient_id, result_id)
    svc.audit(audit.Action.RESULT_VIEWED, result_id, str(item.get("lab_id", "")))
    return render_template("portal/result.html", page=views.page(svc, item), words=views.STATUS_WORDS)


@bp.route("/results/<result_id>/report")
@require(Role.PATIENT)
def report(result_id: str) -> Response:
    """The PDF: made by the report function, downloaded from its presigned URL (one hour)."""
    svc = services()
    views.own_result(svc, user().patient_id, result_id)
    made = svc.report({"result_id": result_id, "patient_id": user().patient_id})
    if "url" not in made:
        if made.get("error", {}).get("code") == "not_found":
            raise NotFound()
        raise Unavailable()
    svc.audit(audit.Action.REPORT_DOWNLOADED, result_id)
    return redirect(str(made["url"]), code=303)


@bp.route("/profile")
@require(Role.PATIENT)
def profile() -> Any:
    """The patient's account: user name, sign-in email, where notifications go."""
    who = user()
    contact = services().patients.contact(who.patient_id)
    return render_template("portal/profile.html", who=who, contact=contact)
