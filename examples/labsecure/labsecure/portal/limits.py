"""Sign-in rate limits (Flask-Limiter): per client address, and per user name whatever the address.

Storage is ``LABSECURE_RATELIMIT_STORAGE`` (``memory://`` for one process; a shared store such as
``redis://`` or ``memcached://`` when several portal processes serve the same users).

One limiter for the module (the routes are decorated at import); each ``create_app`` gives it that app's storage,
so one process serves one portal app (the tests make a fresh app, hence fresh counters, per test).
"""

from __future__ import annotations

import hashlib

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def username_key() -> str:
    """The limit key of the user name being tried (hashed: a user name is not logged or stored as typed)."""
    name = (request.form.get("username") or "").strip().lower()
    return "user:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
