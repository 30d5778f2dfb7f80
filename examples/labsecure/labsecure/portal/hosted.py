"""Cognito's Hosted UI: the OAuth 2.0 authorisation-code flow with PKCE (S256), state and nonce.

``start`` makes the state (CSRF of the redirect), nonce (replay of the ID token) and code verifier, kept in the
server-side session only; ``exchange`` trades the code for tokens at the token endpoint (client secret by HTTP
Basic when the client has one). The ID token is then verified like any other (``tokens.py``), with the nonce.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from labsecure.config import PortalSettings
from labsecure.errors import TokenInvalid, Unavailable


@dataclass(frozen=True)
class Pending:
    """One sign-in in progress (stored in the session until the callback)."""

    state: str
    nonce: str
    verifier: str

    @property
    def challenge(self) -> str:
        """The PKCE S256 code challenge of the verifier."""
        digest = hashlib.sha256(self.verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def start() -> Pending:
    """Fresh state, nonce and code verifier (43+ characters of 256-bit randomness each)."""
    return Pending(secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(48))


def authorize_url(portal: PortalSettings, pending: Pending, redirect_uri: str) -> str:
    """Where the browser goes to sign in."""
    query = {
        "response_type": "code",
        "client_id": portal.client_id,
        "redirect_uri": redirect_uri,
        "scope": "openid email",
        "state": pending.state,
        "nonce": pending.nonce,
        "code_challenge": pending.challenge,
        "code_challenge_method": "S256",
    }
    return f"{portal.endpoint('/oauth2/authorize')}?{urllib.parse.urlencode(query)}"


def logout_url(portal: PortalSettings, after: str) -> str:
    """Cognito's logout endpoint (ends the Hosted UI's own session too), coming back to ``after``."""
    query = urllib.parse.urlencode({"client_id": portal.client_id, "logout_uri": after})
    return f"{portal.endpoint('/logout')}?{query}"


def exchange(portal: PortalSettings, code: str, pending: Pending, redirect_uri: str) -> str:
    """The ID token for an authorisation code; ``TokenInvalid`` if refused, ``Unavailable`` if unreachable."""
    form = {
        "grant_type": "authorization_code",
        "client_id": portal.client_id,
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": pending.verifier,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
    if portal.client_secret:
        pair = f"{portal.client_id}:{portal.client_secret}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    url = portal.endpoint("/oauth2/token")
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise Unavailable()  # the token endpoint is TLS, except a local double
    data = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 (scheme checked)
    try:
        with urllib.request.urlopen(request, timeout=portal.http_timeout_seconds) as answer:  # noqa: S310 (checked)
            body: dict[str, Any] = json.load(answer)
    except urllib.error.HTTPError:
        raise TokenInvalid() from None
    except (OSError, ValueError):
        raise Unavailable() from None
    token = body.get("id_token")
    if not isinstance(token, str):
        raise TokenInvalid()
    return token
