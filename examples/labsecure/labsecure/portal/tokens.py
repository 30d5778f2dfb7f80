"""Verifying Cognito's ID tokens with PyJWT against the pool's JWKS: everything pinned, nothing trusted unsigned.

Checked: the signature against a key from the pool's JWKS (fetched and cached by ``PyJWKClient``), the algorithm
(RS256 only — ``alg: none`` and HS256 with the public key as secret are refused before any key is used), the
issuer (Cognito's URL of this pool, configured apart from the JWKS URL because moto serves the JWKS locally), the
audience (this portal's app client), ``token_use`` (``id``: an access token is not an identity), expiry and
issued-at (with a small leeway for clock skew), and, for the Hosted UI flow, the ``nonce`` this sign-in sent.
Any failure is one ``TokenInvalid``; the reason is logged as a code, never the token.
"""

from __future__ import annotations

import hmac
from typing import Any

import jwt

from labsecure.config import PortalSettings
from labsecure.errors import TokenInvalid
from labsecure.observability import logger

log = logger("labsecure-portal")
ALGORITHMS = ["RS256"]
LEEWAY_SECONDS = 30


class TokenVerifier:
    """Verifies ID tokens for one user pool and app client."""

    def __init__(self, portal: PortalSettings, jwks: jwt.PyJWKClient | None = None) -> None:
        self._issuer = portal.issuer
        self._client = portal.client_id
        self._jwks = jwks or jwt.PyJWKClient(portal.jwks_url, cache_keys=True, lifespan=3600, timeout=5)

    def verify_id_token(self, token: str, *, nonce: str | None = None) -> dict[str, Any]:
        """The claims of a valid ID token; ``TokenInvalid`` otherwise."""
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") not in ALGORITHMS:
                raise jwt.InvalidAlgorithmError("algorithm not allowed")
            key = self._jwks.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                audience=self._client,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "token_use"]},
            )
        except (jwt.PyJWTError, ValueError, KeyError) as err:
            log.warning("token refused", extra={"reason": type(err).__name__})
            raise TokenInvalid() from None
        if claims.get("token_use") != "id":
            log.warning("token refused", extra={"reason": "token_use"})
            raise TokenInvalid()
        if nonce is not None and not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
            log.warning("token refused", extra={"reason": "nonce"})
            raise TokenInvalid()
        return claims
