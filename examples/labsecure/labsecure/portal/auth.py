"""Signing in and out: ``/login`` (the portal's form, Cognito USER_PASSWORD_AUTH; or the Hosted UI with PKCE),
``/login/new-password``, ``/auth/start``, ``/auth/callback``, ``/logout``, and ``/health``."""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from labsecure.domain import audit, roles
from labsecure.errors import SignInFailed, TokenInvalid, Unavailable
from labsecure.portal import hosted
from labsecure.portal.errors import safe_next
from labsecure.portal.forms import ActionForm, LoginForm, NewPasswordForm
from labsecure.portal.guard import current
from labsecure.portal.limits import limiter, username_key
from labsecure.portal.services import services
from labsecure.portal.session import ServerSession
from labsecure.stores.users import Challenge, Tokens

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return services().settings.portal.login_rate_limit


def _signed_in(id_token: str, nonce: str | None = None, target: str | None = None) -> Response:
    """Verify the ID token, start a fresh session for its user, and send them on."""
    claims = services().verifier.verify_id_token(id_token, nonce=nonce)
    principal = roles.from_claims(claims)
    if not principal.roles:
        raise SignInFailed()  # a valid user of the pool, but neither a linked patient nor staff
    assert isinstance(session, ServerSession)
    session.clear()
    session.rotate()
    session["principal"] = principal.to_session()
    services().audit(audit.Action.SIGNED_IN, principal.sub, principal.lab_id)
    return redirect(safe_next(target) or url_for(principal.home))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=username_key)
def login() -> Any:
    """The sign-in page; a POST signs in with user name and password."""
    portal = services().settings.portal
    target = safe_next(request.args.get("next"))
    if portal.auth_mode == "hosted":
        return render_template("portal/login_hosted.html", next=target)
    form = LoginForm()
    failed = False
    if form.validate_on_submit():
        try:
            got = services().users.sign_in(str(form.username.data).strip(), str(form.password.data))
            if isinstance(got, Challenge):
                session["challenge"] = {"name": got.name, "session": got.session, "username": form.username.data}
                return redirect(url_for("auth.new_password", next=target))
            assert isinstance(got, Tokens)
            return _signed_in(got.id_token, target=target)
        except (SignInFailed, TokenInvalid):
            services().audit(audit.Action.SIGN_IN_FAILED, "sign-in")
            failed = True
    status = 401 if failed else (400 if request.method == "POST" else 200)
    return render_template("portal/login.html", form=form, failed=failed, next=target), status


@bp.route("/login/new-password", methods=["GET", "POST"])
def new_password() -> Any:
    """Choose a password at the first sign-in of an account an Admin created."""
    pending = session.get("challenge")
    if not isinstance(pending, dict) or pending.get("name") != "NEW_PASSWORD_REQUIRED":
        return redirect(url_for("auth.login"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        got = services().users.new_password(str(pending["username"]), str(pending["session"]), str(form.password.data))
        session.pop("challenge", None)
        if isinstance(got, Tokens):
            return _signed_in(got.id_token, target=request.args.get("next"))
        return redirect(url_for("auth.login"))
    return render_template("portal/new_password.html", form=form)


def _redirect_uri() -> str:
    return f"{services().settings.portal_url.rstrip('/')}/auth/callback"


@bp.route("/auth/start")
@limiter.limit(_login_limit)
def start() -> Response:
    """Begin the Hosted UI sign-in (authorisation code with PKCE)."""
    pending = hosted.start()
    session["oidc"] = {"state": pending.state, "nonce": pending.nonce, "verifier": pending.verifier}
    session["oidc_next"] = safe_next(request.args.get("next")) or ""
    return redirect(hosted.authorize_url(services().settings.portal, pending, _redirect_uri()))


@bp.route("/auth/callback")
def callback() -> Response:
    """Where the Hosted UI sends the browser back: check the state, exchange the code, verify the ID token."""
    saved = session.pop("oidc", None)
    target = session.pop("oidc_next", None)
    state, code = request.args.get("state", ""), request.args.get("code", "")
    if not isinstance(saved, dict) or not code or not hmac.compare_digest(state, str(saved.get("state", ""))):
        raise SignInFailed()
    pending = hosted.Pending(str(saved["state"]), str(saved["nonce"]), str(saved["verifier"]))
    token = hosted.exchange(services().settings.portal, code, pending, _redirect_uri())
    return _signed_in(token, nonce=pending.nonce, target=target)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """Sign out: the session is deleted from the store (a copied cookie stops working)."""
    who = current()
    if who is not None:
        services().audit(audit.Action.SIGNED_OUT, who.sub, who.lab_id)
    assert isinstance(session, ServerSession)
    session.end()
    portal = services().settings.portal
    if portal.auth_mode == "hosted":
        return redirect(hosted.logout_url(portal, f"{services().settings.portal_url.rstrip('/')}/login"))
    return redirect(url_for("auth.login"))


@bp.route("/")
def index() -> Response:
    """Home: the signed-in user's own start page, or the sign-in page."""
    who = current()
    return redirect(url_for(who.home) if who else url_for("auth.login"))


@bp.route("/health")
def health() -> Any:
    """Whether the portal's dependencies answer (the tables, the user pool); reveals nothing else."""
    svc = services()
    try:
        svc.clients.dynamodb.describe_table(TableName=svc.settings.names.results_table)
        svc.clients.dynamodb.describe_table(TableName=svc.settings.names.sessions_table)
        svc.users.ping()
    except Exception:
        raise Unavailable() from None
    return {"status": "ok"}


# A load balancer checks /health over plain HTTP inside the VPC: the one page not redirected to HTTPS (what
# Flask-Talisman's per-view decorator sets; the instance is the app factory's, so it is set here directly).
setattr(health, "talisman_view_options", {"force_https": False})  # noqa: B010


def logout_form() -> ActionForm:
    """The sign-out button's form (every page's header)."""
    return ActionForm()
