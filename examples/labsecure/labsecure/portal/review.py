"""The Reviewer's pages (``/staff/review``), for results of the reviewer's own lab only: the queue of held
results with their reasons; one result with its values; release or reject with a reason; the critical-value
call (whom, when, read back); a correction (a new version, re-run through labcore, released by the release
rules); every version of a result with who corrected it, when and why."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from labsecure import corrections
from labsecure.domain import audit, review
from labsecure.domain.messages import ResultRef
from labsecure.domain.release import Decision, Release, correctable, reviewable
from labsecure.domain.roles import Role
from labsecure.errors import NotFound, RequestError, Unavailable
from labsecure.portal import views
from labsecure.portal.forms import CallForm, CorrectionForm, DecisionForm
from labsecure.portal.guard import require, user
from labsecure.portal.services import services

bp = Blueprint("review", __name__, url_prefix="/staff/review")


def _mine(result_id: str) -> tuple[dict[str, Any], ResultRef]:
    item = views.lab_result(services(), user().lab_id, result_id)
    return item, ResultRef(str(item["patient_id"]), str(item["result_id"]))


def _invalid(form: Any) -> RequestError:
    field = next(iter(form.errors), "form")
    return RequestError(f"the {field.replace('_', ' ')} is not valid", code=f"{field}_invalid")


@bp.route("")
@require(Role.REVIEWER)
def queue() -> str:
    """The lab's held results, oldest first, with the findings that held them."""
    held = [i for i in services().results.review_queue(user().lab_id) if reviewable(i)]
    return render_template("portal/review_queue.html", held=[views.page(services(), i) for i in held])


@bp.route("/<result_id>")
@require(Role.REVIEWER)
def result(result_id: str) -> str:
    """One result of the lab, with its values, calls and the forms that apply to it."""
    item, _ = _mine(result_id)
    services().audit(audit.Action.CASE_VIEWED, result_id, user().lab_id)
    return render_template(
        "portal/review_result.html",
        page=views.page(services(), item),
        words=views.STATUS_WORDS,
        can_decide=reviewable(item),
        can_call=int(item.get("critical", 0)) > 0,
        can_correct=correctable(item),
        decision=DecisionForm(),
        call=CallForm(),
        correction=CorrectionForm(),
    )


@bp.route("/<result_id>/decision", methods=["POST"])
@require(Role.REVIEWER)
def decide(result_id: str) -> Response:
    """Release or reject a held result, with a reason; a release notifies the patient."""
    item, ref = _mine(result_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        raise _invalid(form)
    decision = Decision(form.decision.data)
    reason = review.clean_text(str(form.reason.data), "reason")
    svc = services()
    supersedes = str(item.get("supersedes") or "") or None
    released = svc.reviews.decide(ref, decision, by=user().username, reason=reason, supersedes=supersedes)
    action = audit.Action.RESULT_RELEASED if released is Release.RELEASED else audit.Action.RESULT_REJECTED
    svc.audit(action, result_id, user().lab_id)  # the reason is on the result (reviewers'), not in the trail
    if released is Release.RELEASED:
        svc.notify.send(ref)
    return redirect(url_for("review.queue"), code=303)


@bp.route("/<result_id>/call", methods=["POST"])
@require(Role.REVIEWER)
def call(result_id: str) -> Response:
    """Record the telephone call of a critical value: whom, when, read back confirmed."""
    _, ref = _mine(result_id)
    form = CallForm()
    if not form.validate_on_submit():
        raise _invalid(form)
    try:
        called = datetime.fromisoformat(str(form.called_at.data).replace("Z", "+00:00"))
    except ValueError:
        raise RequestError("the time of the call is not valid", code="called_at_invalid") from None
    record = review.critical_call(
        str(form.told.data), called, bool(form.read_back.data), user().username, datetime.now(UTC)
    )
    services().reviews.record_call(ref, record)
    # whom they told is on the result, for the lab's reviewers and the report; the trail keeps who and when
    services().audit(
        audit.Action.CRITICAL_CALL_RECORDED, result_id, user().lab_id, called_at=record.called_at, read_back="confirmed"
    )
    return redirect(url_for("review.result", result_id=result_id), code=303)


@bp.route("/<result_id>/correct", methods=["POST"])
@require(Role.REVIEWER)
def correct(result_id: str) -> Response:
    """Issue a correction of one line: a new version, recomputed by labcore, released and notified — or, when
    labcore says it needs review, held in the queue like any such result."""
    item, ref = _mine(result_id)
    form = CorrectionForm()
    if not form.validate_on_submit():
        raise _invalid(form)
    svc = services()
    patient = svc.patients.record(ref.patient_id) or {}
    new, release = corrections.correct(
        svc.reviews,
        item,
        patient,
        int(form.index.data or 0),
        str(form.value.data),
        by=user().username,
        reason=str(form.reason.data),
    )
    svc.audit(audit.Action.CORRECTION_ISSUED, result_id, user().lab_id, new_version=new.result_id)
    if release is Release.RELEASED:
        svc.notify.send(new)
    return redirect(url_for("review.result", result_id=new.result_id), code=303)


@bp.route("/<result_id>/report")
@require(Role.REVIEWER)
def report(result_id: str) -> Response:
    """The PDF of a result of the lab (with its critical-value calls)."""
    _mine(result_id)
    made = services().report({"result_id": result_id})
    if "url" not in made:
        raise NotFound() if made.get("error", {}).get("code") == "not_found" else Unavailable()
    services().audit(audit.Action.REPORT_DOWNLOADED, result_id, user().lab_id)
    return redirect(str(made["url"]), code=303)
