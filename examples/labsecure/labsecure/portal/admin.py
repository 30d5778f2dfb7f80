"""The Admin's pages (``/staff/admin``): laboratories and their API keys (create, rotate, revoke — a key is
shown once, then only its id), staff accounts (create in one role, disable, enable), and the audit trail.
An Admin sees no result and no patient."""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, redirect, render_template, url_for
from werkzeug.wrappers import Response

from labsecure.domain import audit
from labsecure.domain.roles import Role
from labsecure.errors import Forbidden, NotFound, RequestError
from labsecure.portal.forms import ActionForm, LabForm, StaffForm
from labsecure.portal.guard import require, user
from labsecure.portal.services import services

bp = Blueprint("admin", __name__, url_prefix="/staff/admin")
TOKEN_LIFETIME_SECONDS = 3600  # the longest ID-token lifetime a portal session may rest on (cognito.tf: 60 min)


def _checked(form: Any) -> None:
    if not form.validate_on_submit():
        field = next(iter(form.errors), "form")
        raise RequestError(f"the {field.replace('_', ' ')} is not valid", code=f"{field}_invalid")


def _labs_page(new_key: str = "", key_lab: str = "") -> str:
    labs = services().labs.all()
    keys = {lab.lab_id: services().labs.keys(lab.lab_id) for lab in labs}
    return render_template(
        "portal/admin_labs.html",
        labs=labs,
        keys=keys,
        form=LabForm(),
        action=ActionForm(),
        new_key=new_key,
        key_lab=key_lab,
    )


@bp.route("/labs")
@require(Role.ADMIN)
def labs() -> str:
    """Every laboratory, its release rule and its keys (ids and states only)."""
    return _labs_page()


@bp.route("/labs", methods=["POST"])
@require(Role.ADMIN)
def save_lab() -> Response:
    """Create or change a laboratory (name, sender ids, hold time for review)."""
    form = LabForm()
    _checked(form)
    senders = [s.strip() for s in str(form.senders.data or "").split(",") if s.strip()]
    hold = float(form.hold_hours.data) if form.hold_hours.data is not None else None
    services().labs.register(str(form.lab_id.data), str(form.name.data).strip(), senders, hold)
    services().audit(audit.Action.LAB_SAVED, str(form.lab_id.data), str(form.lab_id.data))
    return redirect(url_for("admin.labs"), code=303)


def _lab(lab_id: str) -> str:
    if services().labs.get(lab_id) is None:
        raise NotFound()
    return lab_id


@bp.route("/labs/<lab_id>/keys", methods=["POST"])
@require(Role.ADMIN)
def create_key(lab_id: str) -> str:
    """A new API key for the lab, shown this once."""
    _checked(ActionForm())
    key = services().labs.issue_key(_lab(lab_id))
    services().audit(audit.Action.KEY_CREATED, lab_id, lab_id)
    return _labs_page(new_key=key, key_lab=lab_id)


@bp.route("/labs/<lab_id>/keys/<key_id>/rotate", methods=["POST"])
@require(Role.ADMIN)
def rotate_key(lab_id: str, key_id: str) -> str:
    """A new key for the lab (shown once), the old one revoked."""
    _checked(ActionForm())
    key = services().labs.rotate(_lab(lab_id), key_id)
    if key is None:
        raise NotFound()
    services().audit(audit.Action.KEY_ROTATED, lab_id, lab_id, key_id=key_id)
    return _labs_page(new_key=key, key_lab=lab_id)


@bp.route("/labs/<lab_id>/keys/<key_id>/revoke", methods=["POST"])
@require(Role.ADMIN)
def revoke_key(lab_id: str, key_id: str) -> Response:
    """Revoke one key of the lab: its next request answers 401."""
    _checked(ActionForm())
    if not services().labs.revoke_key_id(_lab(lab_id), key_id):
        raise NotFound()
    services().audit(audit.Action.KEY_REVOKED, lab_id, lab_id, key_id=key_id)
    return redirect(url_for("admin.labs"), code=303)


@bp.route("/staff")
@require(Role.ADMIN)
def staff() -> str:
    """Every staff account with its role, lab and state."""
    return render_template(
        "portal/admin_staff.html", staff=services().users.staff(), form=StaffForm(), action=ActionForm()
    )


@bp.route("/staff", methods=["POST"])
@require(Role.ADMIN)
def create_staff() -> Response:
    """A staff account in one role, with a temporary password to change at first sign-in."""
    form = StaffForm()
    _checked(form)
    role = Role(form.role.data)
    lab_id = str(form.lab_id.data or "")
    if role is not Role.ADMIN and services().labs.get(lab_id) is None:
        raise RequestError("a Reviewer or CaseWorker needs an existing lab", code="lab_id_invalid")
    services().users.create_staff(
        str(form.username.data), str(form.email.data), role, lab_id, str(form.password.data), permanent=False
    )
    services().audit(audit.Action.STAFF_CREATED, str(form.username.data), lab_id, role=role.value)
    return redirect(url_for("admin.staff"), code=303)


@bp.route("/staff/<username>/<any(disable, enable):change>", methods=["POST"])
@require(Role.ADMIN)
def set_enabled(username: str, change: str) -> Response:
    """Disable (sign-in refused) or enable a staff account; never one's own, never a non-staff user."""
    _checked(ActionForm())
    if username.lower() == user().username.lower():
        raise Forbidden()
    if not services().users.is_staff(username):
        raise NotFound()
    services().users.set_enabled(username, change == "enable")
    if change == "enable":
        services().sessions.restore_user(username)
    else:  # the open sessions end now, not when their ID tokens expire
        services().sessions.revoke_user(username, int(time.time()) + TOKEN_LIFETIME_SECONDS)
    action = audit.Action.STAFF_ENABLED if change == "enable" else audit.Action.STAFF_DISABLED
    services().audit(action, username)
    return redirect(url_for("admin.staff"), code=303)


@bp.route("/audit")
@require(Role.ADMIN)
def audit_trail() -> str:
    """The latest audit records (who, what, which id, when)."""
    return render_template("portal/admin_audit.html", records=services().trail.recent())
