"""Signing in and the controls around it: token verification, cookies, CSRF, rate limits, headers, the Hosted UI
flow with PKCE against a local OIDC double. Each test fails if its control is removed."""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import jwt
import moto
import pytest
from conftest import World, csrf_of, https_client, sign_in
from cryptography.hazmat.primitives.asymmetric import rsa
from oidc_double import CLIENT_SECRET, OidcDouble

from labsecure.errors import TokenInvalid
from labsecure.portal.tokens import TokenVerifier
from labsecure.stores.users import Tokens

MOTO_KEY = Path(moto.__file__).parent / "cognitoidp" / "resources" / "jwks-private.json.gz"


def moto_signed(claims: dict[str, Any], **header: Any) -> str:
    """A token signed with moto's own pool key (moto ships it: tokens are forgeable in tests, by design)."""
    jwk = json.loads(gzip.decompress(MOTO_KEY.read_bytes()))
    key = jwt.algorithms.RSAAlgorithm.from_jwk(json.dumps(jwk["keys"][0] if "keys" in jwk else jwk))
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "dummy", **header})  # type: ignore[arg-type]


def good_claims(world: World, **change: Any) -> dict[str, Any]:
    now = int(time.time())
    portal = world.s.settings.portal
    claims = {
        "sub": "s-1",
        "cognito:username": "patient",
        "iss": portal.issuer,
        "aud": portal.client_id,
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "custom:patient_id": world.patient_id,
    }
    claims.update(change)
    return {k: v for k, v in claims.items() if v is not None}


def test_a_real_moto_id_token_verifies(world: World) -> None:
    from labsecure.stores.users import Users

    got = Users(world.s.settings, world.s.clients).sign_in("patient", world.passwords["patient"])
    assert isinstance(got, Tokens)
    claims = TokenVerifier(world.s.settings.portal).verify_id_token(got.id_token)
    assert claims["custom:patient_id"] == world.patient_id and claims["token_use"] == "id"
    assert TokenVerifier(world.s.settings.portal).verify_id_token(moto_signed(good_claims(world)))["sub"] == "s-1"


def forged_tokens(world: World) -> dict[str, str]:
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = json.dumps(jwt.algorithms.RSAAlgorithm.to_jwk(other_key.public_key()))
    now = int(time.time())
    unsigned = jwt.encode(good_claims(world), None, algorithm="none")  # type: ignore[arg-type]
    return {
        "forged signature": jwt.encode(good_claims(world), other_key, algorithm="RS256", headers={"kid": "dummy"}),
        "expired": moto_signed(good_claims(world, iat=now - 7200, exp=now - 3600)),
        "alg none": unsigned,
        "hs256 with public key": jwt.encode(
            good_claims(world), public_pem, algorithm="HS256", headers={"kid": "dummy"}
        ),
        "wrong issuer": moto_signed(
            good_claims(world, iss="https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_evil")
        ),
        "wrong client": moto_signed(good_claims(world, aud="another-client")),
        "access token": moto_signed(good_claims(world, token_use="access")),
        "no expiry": moto_signed(good_claims(world, exp=None)),
        "garbage": "not.a.token",
    }


def test_every_forged_token_is_refused_by_the_verifier(world: World) -> None:
    verifier = TokenVerifier(world.s.settings.portal)
    for name, token in forged_tokens(world).items():
        with pytest.raises(TokenInvalid):
            verifier.verify_id_token(token)
        assert name  # each case above is refused


def test_a_forged_token_from_the_identity_provider_signs_no_one_in(world: World, monkeypatch: Any) -> None:
    from labsecure.stores.users import Users

    for name, token in forged_tokens(world).items():
        monkeypatch.setattr(Users, "sign_in", lambda self, u, p, t=token: Tokens(t, "access"))
        client = https_client(world.app())
        answer = sign_in(client, "patient", "whatever")
        assert answer.status_code == 401, name
        assert client.get("/dashboard").status_code == 302, name  # still signed out


def test_sign_in_sets_a_fresh_httponly_secure_samesite_cookie(client: Any, world: World) -> None:
    client.get("/login")
    before = client.get_cookie("labsecure_session").value
    answer = sign_in(client, "patient", world.passwords["patient"])
    assert answer.status_code == 302 and answer.headers["Location"] == "/dashboard"
    header = [h for h in answer.headers.getlist("Set-Cookie") if h.startswith("labsecure_session=")][-1]
    assert "HttpOnly" in header and "Secure" in header and "SameSite=Lax" in header
    assert client.get_cookie("labsecure_session").value != before  # rotated: no session fixation
    assert client.get("/dashboard").status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(client: Any, world: World) -> None:
    wrong = sign_in(client, "patient", "Wrong-Password-1")
    unknown = sign_in(client, "nobody", "Wrong-Password-1")
    assert wrong.status_code == unknown.status_code == 401

    def page(answer: Any, username: str) -> str:
        text = answer.get_data(as_text=True)
        return text.replace(csrf_of(text), "").replace(f'value="{username}"', "")

    assert page(wrong, "patient") == page(unknown, "nobody")


def test_forms_without_a_csrf_token_are_refused(client: Any, world: World) -> None:
    no_token = client.post("/login", data={"username": "patient", "password": world.passwords["patient"]})
    assert no_token.status_code == 400 and "csrf_failed" in no_token.get_data(as_text=True)
    sign_in(client, "patient", world.passwords["patient"])
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 400
    assert client.get("/dashboard").status_code == 200  # still signed in: the forged sign-out did nothing


def test_sign_out_deletes_the_session_so_a_copied_cookie_is_dead(client: Any, world: World, portal: Any) -> None:
    sign_in(client, "patient", world.passwords["patient"])
    copied = client.get_cookie("labsecure_session").value
    page = client.get("/dashboard").get_data(as_text=True)
    assert client.post("/logout", data={"csrf_token": csrf_of(page)}).status_code == 302
    thief = https_client(portal)
    thief.set_cookie("labsecure_session", copied, domain="localhost")
    assert thief.get("/dashboard").status_code == 302


def test_sign_in_is_rate_limited_per_address_and_per_user_name(world: World) -> None:
    client = https_client(world.app())
    codes = [sign_in(client, f"user{i}", "Wrong-Password-1").status_code for i in range(6)]
    assert codes == [401] * 5 + [429]
    spread = https_client(world.app())
    tries = []
    for i in range(6):  # one user name from six addresses
        page = spread.get("/login", environ_base={"REMOTE_ADDR": f"10.0.0.{i}"})
        data = {
            "username": "patient",
            "password": "Wrong-Password-1",
            "csrf_token": csrf_of(page.get_data(as_text=True)),
        }
        tries.append(spread.post("/login", data=data, environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}).status_code)
    assert tries[-1] == 429 and tries[:5] == [401] * 5


def test_security_headers_on_every_page(client: Any) -> None:
    answer = client.get("/login")
    csp = answer.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert answer.headers["X-Frame-Options"] == "DENY" and answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer" and answer.headers["Cache-Control"] == "no-store"
    assert "max-age=" in answer.headers["Strict-Transport-Security"]
    assert "<style" not in answer.get_data(as_text=True) and "style=" not in answer.get_data(as_text=True)


def test_next_is_kept_only_for_local_paths(client: Any, world: World) -> None:
    away = sign_in(client, "patient", world.passwords["patient"], next_path="//evil.example/x")
    assert away.headers["Location"] == "/dashboard"
    client2 = https_client(client.application)
    assert client2.get(f"/results/{world.ready}").headers["Location"] == f"/login?next=/results/{world.ready}"
    back = sign_in(client2, "patient", world.passwords["patient"], next_path=f"/results/{world.ready}")
    assert back.headers["Location"] == f"/results/{world.ready}"


@pytest.fixture
def double(world: World) -> Any:
    provider = OidcDouble(world.s.settings.portal.client_id)
    yield provider
    provider.stop()


def hosted_app(world: World, double: OidcDouble) -> Any:
    portal = replace(
        world.s.settings.portal,
        auth_mode="hosted",
        hosted_domain=double.url,
        issuer=double.issuer,
        jwks_url=f"{double.url}/jwks.json",
        client_secret=CLIENT_SECRET,
    )
    settings = replace(world.s.settings, portal=portal)
    from labsecure.portal import create_app

    return https_client(create_app(settings, world.s.clients))


def hosted_sign_in(client: Any) -> Any:
    import urllib.request

    start = client.get("/auth/start")
    assert start.status_code == 302
    opener = urllib.request.build_opener(
        type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a: None})
    )
    try:
        opener.open(start.headers["Location"])
    except urllib.error.HTTPError as err:  # the 302 back to the portal
        back = urlparse(err.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_hosted_ui_code_flow_with_pkce(world: World, double: OidcDouble) -> None:
    double.claims = {"sub": "s-9", "cognito:username": "patient", "custom:patient_id": world.patient_id}
    client = hosted_app(world, double)
    assert "/auth/start" in client.get("/login").get_data(as_text=True)
    answer = hosted_sign_in(client)
    assert answer.status_code == 302 and answer.headers["Location"] == "/dashboard"
    sent = double.seen[-1]
    assert sent["code_challenge_method"] == "S256" and len(sent["code_challenge"]) == 43
    assert sent["state"] and sent["nonce"] and sent["redirect_uri"].endswith("/auth/callback")
    assert client.get("/dashboard").status_code == 200


def test_hosted_ui_refuses_a_wrong_state_nonce_or_issuer(world: World, double: OidcDouble) -> None:
    double.claims = {"sub": "s-9", "custom:patient_id": world.patient_id}
    client = hosted_app(world, double)
    client.get("/auth/start")
    assert client.get("/auth/callback?code=x&state=forged").status_code == 401
    for bad in ({"nonce": "replayed"}, {"iss": "https://evil.example"}, {"aud": "other"}):
        double.claims = {"sub": "s-9", "custom:patient_id": world.patient_id, **bad}
        client = hosted_app(world, double)
        assert hosted_sign_in(client).status_code == 401, bad
        assert client.get("/dashboard").status_code == 302


def test_health_answers_ok_or_503_without_details(client: Any, world: World, monkeypatch: Any) -> None:
    assert client.get("/health").get_json() == {"status": "ok"}

    def down(**_: Any) -> None:
        raise ConnectionError("dynamodb at 10.1.2.3 refused")

    monkeypatch.setattr(world.s.clients.dynamodb, "describe_table", down)
    broken = client.get("/health")
    assert broken.status_code == 503 and broken.get_json() == {
        "error": {"code": "unavailable", "message": "the service is unavailable; try again later"}
    }


def test_an_internal_error_shows_no_stack_trace(client: Any, world: World, monkeypatch: Any) -> None:
    from labsecure.stores.results import Results

    sign_in(client, "patient", world.passwords["patient"])
    monkeypatch.setattr(Results, "for_patient", lambda *a: 1 / 0)
    answer = client.get("/dashboard")
    text = answer.get_data(as_text=True)
    assert answer.status_code == 500 and "internal_error" in text
    assert "Traceback" not in text and "ZeroDivisionError" not in text


def test_a_session_ends_when_its_id_token_expires(client: Any, world: World) -> None:
    from labsecure.stores.sessions import Sessions

    sign_in(client, "patient", world.passwords["patient"])
    sid = client.get_cookie("labsecure_session").value
    store = Sessions(world.s.settings, world.s.clients)
    found = store.get(sid)
    assert found is not None
    data, expires = found
    data["principal"]["expires_at"] = int(time.time()) - 1  # the token's exp passed; the session item did not
    store.put(sid, data, expires)
    assert client.get("/dashboard").headers["Location"] == "/login?next=/dashboard"


def test_a_temporary_password_must_be_changed_at_first_sign_in(client: Any, world: World) -> None:
    from labsecure.domain.roles import Role
    from labsecure.stores.users import Users

    Users(world.s.settings, world.s.clients).create_staff(
        "newrev", "n@example.org", Role.REVIEWER, "NORTHWIND", "Temporary-Pass-1", permanent=False
    )
    first = sign_in(client, "newrev", "Temporary-Pass-1")
    assert first.status_code == 302 and first.headers["Location"] == "/login/new-password"
    assert client.get("/staff/review").status_code == 302  # not signed in yet
    page = client.get("/login/new-password").get_data(as_text=True)
    done = client.post("/login/new-password", data={"csrf_token": csrf_of(page), "password": "Chosen-Password-77"})
    assert done.status_code == 302 and done.headers["Location"] == "/staff/review"
    assert client.get("/staff/review").status_code == 200


def test_hosted_ui_sign_out_ends_the_cognito_session_too(world: World, double: OidcDouble) -> None:
    double.claims = {"sub": "s-9", "custom:patient_id": world.patient_id}
    client = hosted_app(world, double)
    hosted_sign_in(client)
    page = client.get("/dashboard").get_data(as_text=True)
    out = client.post("/logout", data={"csrf_token": csrf_of(page)})
    target = urlparse(out.headers["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{double.url}/logout"
    assert f"client_id={world.s.settings.portal.client_id}" in target.query and "logout_uri=" in target.query
    assert client.get("/dashboard").status_code == 302


def test_with_force_https_every_page_but_health_redirects(world: World) -> None:
    from labsecure.portal import create_app

    settings = replace(world.s.settings, portal=replace(world.s.settings.portal, force_https=True))
    plain = create_app(settings, world.s.clients).test_client()  # http://
    login = plain.get("/login")
    assert login.status_code == 302 and login.headers["Location"].startswith("https://")
    assert plain.get("/health").status_code == 200
