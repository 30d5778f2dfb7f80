"""Server-side sessions (the ``sessions`` table): the cookie holds only a random 256-bit id.

The cookie is HttpOnly, Secure and SameSite=Lax (Lax, not Strict: the Hosted UI's redirect back to
``/auth/callback`` is a cross-site top-level navigation that must carry it). Signing in rotates the id (no
session fixation); signing out deletes the item, so a copied cookie stops working at once. A session lasts
``session_idle_seconds`` from its last write and never beyond the ID token's expiry (``guard.current``).
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict

from labsecure.stores.sessions import Sessions

COOKIE = "labsecure_session"
_TOUCH_SECONDS = 60  # rewrite an unchanged session at most this often, to slide its idle expiry


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """A session whose data lives in the store; ``rotate()`` gives it a new id at the next save."""

    def __init__(self, sid: str | None, data: dict[str, Any] | None = None, expires_at: int = 0) -> None:
        def changed(_: Any) -> None:
            self.modified = True

        super().__init__(data or {}, changed)
        self.sid = sid
        self.expires_at = expires_at
        self.modified = False
        self.old_sid: str | None = None

    def rotate(self) -> None:
        """Use a new session id from now on (after signing in); the old one is deleted."""
        self.old_sid, self.sid = self.sid, None
        self.modified = True

    def end(self) -> None:
        """Forget everything and delete the stored session (signing out)."""
        self.clear()
        self.rotate()


class StoreSessionInterface(SessionInterface):
    """Flask's session, kept in the ``sessions`` table."""

    def __init__(self, store: Sessions, idle_seconds: int, anonymous_seconds: int) -> None:
        self._store = store
        self._idle = idle_seconds
        self._anonymous = anonymous_seconds

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        """The session named by the cookie, or a new empty one."""
        sid = request.cookies.get(COOKIE)
        if sid and len(sid) < 100:
            found = self._store.get(sid)
            if found is not None:
                return ServerSession(sid, found[0], found[1])
        return ServerSession(None)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Write the session if it changed (or is due a touch), and set or clear the cookie."""
        assert isinstance(session, ServerSession)
        if session.old_sid:
            self._store.delete(session.old_sid)
        if not session:
            if session.sid or session.old_sid:
                response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="Lax")
                if session.sid:
                    self._store.delete(session.sid)
            return
        ttl = self._idle if "principal" in session else self._anonymous
        now = int(time.time())
        if not (session.modified or session.sid is None or session.expires_at - ttl + _TOUCH_SECONDS < now):
            return
        sid = session.sid or secrets.token_urlsafe(32)
        self._store.put(sid, dict(session), now + ttl)
        response.set_cookie(COOKIE, sid, max_age=ttl, path="/", secure=True, httponly=True, samesite="Lax")
        response.vary.add("Cookie")
