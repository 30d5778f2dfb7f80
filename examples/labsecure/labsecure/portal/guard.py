"""Who is signed in, and the role check every route makes on the server (no role implies another)."""

from __future__ import annotations

import time
from functools import wraps
from typing import Any, Callable, TypeVar, cast

from flask import g, session

from labsecure.domain.roles import STAFF_ROLES, Principal, Role
from labsecure.errors import Forbidden, NotSignedIn

F = TypeVar("F", bound=Callable[..., Any])


def current() -> Principal | None:
    """The signed-in user, or ``None`` (also once the ID token the session was made from has expired)."""
    if "principal" not in g:
        data = session.get("principal")
        principal = Principal.from_session(data) if isinstance(data, dict) else None
        if principal is not None and (principal.expires_at <= time.time() or _revoked(principal)):
            session.clear()
            principal = None
        g.principal = principal
    return cast(Principal | None, g.principal)


def _revoked(principal: Principal) -> bool:
    # Staff accounts can be disabled by an Admin: their open sessions end at the next request (patients' are
    # not disabled from the portal, so their requests skip the look-up).
    if not any(principal.has(role) for role in STAFF_ROLES):
        return False
    from labsecure.portal.services import services

    return services().sessions.user_revoked(principal.username)


def user() -> Principal:
    """The signed-in user; ``NotSignedIn`` without one."""
    principal = current()
    if principal is None:
        raise NotSignedIn()
    return principal


def require(role: Role) -> Callable[[F], F]:
    """A route only ``role`` may use: ``NotSignedIn`` (sent to sign in) or ``Forbidden`` otherwise.

    Staff roles also need a laboratory, except Admin (who manages every lab)."""

    def decorate(view: F) -> F:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            principal = user()
            if not principal.has(role):
                raise Forbidden()
            if role in (Role.REVIEWER, Role.CASE_WORKER) and not principal.lab_id:
                raise Forbidden()
            return view(*args, **kwargs)

        return cast(F, guarded)

    return decorate
