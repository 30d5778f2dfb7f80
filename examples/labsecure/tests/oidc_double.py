"""A small local OIDC provider standing in for Cognito's Hosted UI (which moto lacks): /oauth2/authorize,
/oauth2/token (authorisation code + PKCE S256, client secret by HTTP Basic) and a JWKS, on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from typing import Any
from urllib.parse import urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from flask import Flask, abort, jsonify, redirect, request
from werkzeug.serving import make_server

CLIENT_SECRET = "double-secret"


class OidcDouble:
    """The provider; ``claims`` is what the next ID token carries (tests change it to forge tokens)."""

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict[str, str]] = {}
        self.seen: list[dict[str, str]] = []
        self.claims: dict[str, Any] = {}
        self.server = make_server("127.0.0.1", 0, self._app(), threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.issuer = self.url
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "double"})

    def _app(self) -> Flask:
        app = Flask("oidc-double")

        @app.get("/oauth2/authorize")
        def authorize() -> Any:
            args = request.args.to_dict()
            self.seen.append(args)
            if args.get("client_id") != self.client_id or args.get("code_challenge_method") != "S256":
                abort(400)
            code = secrets.token_urlsafe(16)
            self.codes[code] = args
            return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args['state']})}")

        @app.post("/oauth2/token")
        def token() -> Any:
            form = request.form
            pending = self.codes.pop(form.get("code", ""), None)
            basic = base64.b64encode(f"{self.client_id}:{CLIENT_SECRET}".encode()).decode()
            if pending is None or request.headers.get("Authorization") != f"Basic {basic}":
                return jsonify(error="invalid_grant"), 400
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != pending["code_challenge"]:
                return jsonify(error="invalid_grant"), 400
            if form.get("redirect_uri") != pending["redirect_uri"]:
                return jsonify(error="invalid_grant"), 400
            now = int(time.time())
            claims = {
                "iss": self.issuer,
                "aud": self.client_id,
                "token_use": "id",
                "iat": now,
                "exp": now + 3600,
                "nonce": pending["nonce"],
                **self.claims,
            }
            return jsonify(id_token=self.sign(claims), access_token="opaque", token_type="Bearer")

        @app.get("/jwks.json")
        def jwks() -> Any:
            public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return jsonify(keys=[{**public, "kid": "double", "use": "sig", "alg": "RS256"}])

        return app
