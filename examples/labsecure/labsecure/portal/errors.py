"""Errors as answers: a page (or JSON for ``/health`` and API-like clients) with a code and a status.

A ``LabsecureError`` answers its own status and fixed message; Flask's HTTP errors (404, 405, 413 …) the same
way; a CSRF failure is ``csrf_failed`` (400); too many sign-ins ``too_many_requests`` (429). A page that needs a
signed-in user sends a browser to ``/login`` (keeping only a local path to come back to). Anything else is
``internal_error`` (500), logged by type only: no stack trace, no value ever reaches a client.
"""

from __future__ import annotations

import json

from flask import Flask, Response, redirect, render_template, request, url_for
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from labsecure.errors import CsrfFailed, LabsecureError, NotSignedIn, TooManyRequests
from labsecure.observability import logger

log = logger("labsecure-portal")


def answer(code: str, status: int, message: str) -> Response:
    """The error page (or JSON body) for one error."""
    if request.accept_mimetypes.best == "application/json" or request.path == "/health":
        body = json.dumps({"error": {"code": code, "message": message}})
        response = Response(body, status=status, mimetype="application/json")
    else:
        response = Response(render_template("portal/error.html", code=code, message=message, status=status), status)
    return response


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after signing in (never another host: no open redirect)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")) and "\r" not in target:
        return target
    return None


def _labsecure(err: LabsecureError) -> Response:
    if isinstance(err, NotSignedIn) and request.method == "GET" and request.path != "/health":
        target = safe_next(request.full_path.rstrip("?"))
        return redirect(url_for("auth.login", next=target) if target else url_for("auth.login"))  # type: ignore[return-value]
    if err.status >= 500:
        log.error("unavailable", extra={"error_type": type(err).__name__, "code": err.code})
    return answer(err.code, err.status, str(err))


def _http(err: HTTPException) -> Response:
    status = err.code or 500
    code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(status, "http_error")
    message = "not found" if status == 404 else (err.name or "error").lower()
    return answer(code, status, message)


def _csrf(err: CSRFError) -> Response:
    log.warning("csrf refused", extra={"path": request.path})
    failed = CsrfFailed()
    return answer(failed.code, failed.status, str(failed))


def _rate(err: RateLimitExceeded) -> Response:
    log.warning("rate limited", extra={"path": request.path})
    limited = TooManyRequests()
    response = answer(limited.code, limited.status, str(limited))
    response.headers["Retry-After"] = "60"
    return response


def _internal(err: Exception) -> Response:
    log.error("internal error", extra={"error_type": type(err).__name__, "path": request.path})
    return answer("internal_error", 500, "internal error")


def register(app: Flask) -> None:
    """Install the handlers on ``app``."""
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(RateLimitExceeded, _rate)
    app.register_error_handler(LabsecureError, _labsecure)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(Exception, _internal)
