"""The LabSecure portal (Flask): patients see their released results; reviewers, case workers and admins work.

An application factory (``create_app``) with one blueprint per area — ``auth`` (sign-in, both Cognito flows),
``patient``, ``review``, ``cases``, ``admin`` — and the controls every request passes through:

- server-side sessions behind an HttpOnly, Secure, SameSite=Lax cookie (``session.py``);
- CSRF tokens on every form and every POST (Flask-WTF's ``CSRFProtect``);
- a strict Content-Security-Policy (``default-src 'self'``: no inline script or style, no framing) and the
  other security headers (Flask-Talisman), ``Cache-Control: no-store`` on every page;
- sign-in rate limits per address and per user name (Flask-Limiter);
- roles from Cognito groups checked on the server on every staff route (``guard.require``);
- errors as pages or JSON with a code and status, never a stack trace (``errors.py``).
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from flask import Flask, Response
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from labsecure import aws, config
from labsecure.domain.roles import Role
from labsecure.portal import errors, limits, services
from labsecure.portal.guard import current
from labsecure.portal.session import StoreSessionInterface

PACKAGE = Path(__file__).resolve().parents[1]
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def create_app(settings: config.Settings | None = None, clients: aws.Clients | None = None, **overrides: Any) -> Flask:
    """The portal for ``settings`` (default: from the environment); ``overrides`` replace services (tests)."""
    settings = settings or config.from_env()
    clients = clients or aws.clients(settings)
    portal = settings.portal
    app = Flask("labsecure.portal", template_folder=str(PACKAGE / "templates"), static_folder=str(PACKAGE / "static"))
    app.config.update(
        # Only CSRF tokens are signed with it; a random key per process is fine for one process (set it for several).
        SECRET_KEY=portal.secret_key or secrets.token_hex(32),
        WTF_CSRF_TIME_LIMIT=portal.session_idle_seconds,
        WTF_CSRF_SSL_STRICT=portal.force_https,
        MAX_CONTENT_LENGTH=64 * 1024,
        TEMPLATES_AUTO_RELOAD=False,
    )
    if portal.proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=portal.proxies, x_proto=portal.proxies)  # type: ignore[method-assign]
    app.extensions["labsecure"] = services.build(settings, clients, **overrides)
    app.session_interface = StoreSessionInterface(
        app.extensions["labsecure"].sessions, portal.session_idle_seconds, portal.anonymous_session_seconds
    )
    CSRFProtect(app)
    Talisman(
        app,
        force_https=portal.force_https,
        strict_transport_security=True,
        content_security_policy=CSP,
        frame_options="DENY",
        referrer_policy="no-referrer",
        session_cookie_secure=True,
        permissions_policy={"camera": "()", "microphone": "()", "geolocation": "()", "browsing-topics": "()"},
    )
    app.config["RATELIMIT_STORAGE_URI"] = portal.ratelimit_storage
    limits.limiter.init_app(app)
    errors.register(app)
    _blueprints(app)
    app.after_request(_no_store)
    return app


def _blueprints(app: Flask) -> None:
    from labsecure.portal import admin, auth, cases, patient, review

    for blueprint in (auth.bp, patient.bp, review.bp, cases.bp, admin.bp):
        app.register_blueprint(blueprint)

    @app.context_processor
    def signed_in() -> dict[str, Any]:
        return {"who": current(), "roles": Role}


def _no_store(response: Response) -> Response:
    # Pages show health data: never cached by the browser or a proxy.
    if not response.headers.get("Cache-Control"):
        response.headers["Cache-Control"] = "no-store"
    return response
