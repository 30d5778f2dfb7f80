"""The portal over HTTPS and over make pipeline's plain HTTP: the strict Referer check of CSRF with the
Referrer-Policy the pages send, the session cookie's Secure attribute, and the redirect to HTTPS."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

from conftest import World, csrf_of, https_client, sign_in


def session_cookie(answer: Any) -> str:
    return [h for h in answer.headers.getlist("Set-Cookie") if h.startswith("labsecure_session=")][-1]


def test_sign_in_sets_a_fresh_httponly_secure_samesite_cookie(world: World) -> None:
    client = https_client(world.app(replace(world.s.settings, portal_url="https://portal.labsecure.example")))
    client.get("/login")
    before = client.get_cookie("labsecure_session").value
    answer = sign_in(client, "patient", world.passwords["patient"])
    assert answer.status_code == 302 and answer.headers["Location"] == "/dashboard"
    header = session_cookie(answer)
    assert "HttpOnly" in header and "Secure" in header and "SameSite=Lax" in header
    assert client.get_cookie("labsecure_session").value != before  # rotated: no session fixation
    assert client.get("/dashboard").status_code == 200


def test_the_cookie_is_secure_unless_the_portal_is_served_over_plain_http(world: World) -> None:
    # make pipeline serves http://127.0.0.1: a Secure cookie there is dropped by Safari (and by http.cookiejar),
    # so it is Secure whenever the portal's URL is https:// or HTTPS is forced, and only then.
    for url, force, secure in (
        ("http://127.0.0.1:8000", False, False),
        ("https://portal.labsecure.example", False, True),
        ("http://127.0.0.1:8000", True, True),
    ):
        portal = replace(world.s.settings.portal, force_https=force)
        client = https_client(world.app(replace(world.s.settings, portal_url=url, portal=portal)))
        answer = sign_in(client, "patient", world.passwords["patient"], referer=force)
        assert answer.status_code == 302, url
        header = session_cookie(answer)
        assert ("Secure" in header) is secure and "HttpOnly" in header and "SameSite=Lax" in header, (url, force)
        page = client.get("/dashboard", headers={"Referer": "https://localhost/dashboard"})
        out = client.post(
            "/logout",
            data={"csrf_token": csrf_of(page.get_data(as_text=True))},
            headers={"Referer": "https://localhost/"},
        )
        assert ("Secure" in session_cookie(out)) is secure  # the deletion matches the cookie it deletes


def referer_for(policy: str, page_url: str, target_url: str) -> str | None:
    """The Referer a browser sends from ``page_url`` to ``target_url`` under ``policy`` (W3C Referrer Policy)."""
    page, target = urlparse(page_url), urlparse(target_url)
    same = (page.scheme, page.netloc) == (target.scheme, target.netloc)
    downgrade = page.scheme == "https" and target.scheme != "https"
    origin = f"{page.scheme}://{page.netloc}/"
    return {
        "no-referrer": None,
        "same-origin": page_url if same else None,
        "origin": origin,
        "strict-origin": None if downgrade else origin,
        "origin-when-cross-origin": page_url if same else origin,
        "strict-origin-when-cross-origin": page_url if same else (None if downgrade else origin),
        "no-referrer-when-downgrade": None if downgrade else page_url,
        "unsafe-url": page_url,
    }[policy]


class Browser:
    """A test client that sends the Referer a browser would, under the Referrer-Policy of the page it is on."""

    def __init__(self, client: Any, base: str) -> None:
        self.client, self.base = client, base
        self.page_url, self.policy = "", "no-referrer"

    def get(self, path: str) -> Any:
        answer = self.client.get(path, base_url=self.base)
        self.page_url, self.policy = f"{self.base}{path}", answer.headers.get("Referrer-Policy", "")
        return answer

    def post(self, path: str, data: dict[str, str]) -> Any:
        referer = referer_for(self.policy or "strict-origin-when-cross-origin", self.page_url, f"{self.base}{path}")
        headers = {"Referer": referer} if referer else {}
        return self.client.post(path, base_url=self.base, data=data, headers=headers)


def test_with_force_https_a_browsers_posts_pass_the_strict_referer_check(world: World) -> None:
    from labsecure.portal import create_app

    settings = replace(world.s.settings, portal=replace(world.s.settings.portal, force_https=True))
    app = create_app(settings, world.s.clients)
    browser = Browser(app.test_client(), "https://localhost")
    page = browser.get("/login").get_data(as_text=True)
    signed_in = browser.post(
        "/login", {"username": "patient", "password": world.passwords["patient"], "csrf_token": csrf_of(page)}
    )
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/dashboard"
    token = csrf_of(browser.get("/dashboard").get_data(as_text=True))
    # strict referrer checking is kept: no Referer, or another site's, is refused over HTTPS
    for headers in ({}, {"Referer": "https://evil.example/"}):
        refused = browser.client.post("/logout", base_url=browser.base, data={"csrf_token": token}, headers=headers)
        assert refused.status_code == 400 and "csrf_failed" in refused.get_data(as_text=True), headers
    out = browser.post("/logout", {"csrf_token": token})
    assert out.status_code == 302 and out.headers["Location"] == "/login"
    assert browser.get("/dashboard").status_code == 302  # signed out


def test_with_force_https_every_page_but_health_redirects(world: World) -> None:
    from labsecure.portal import create_app

    settings = replace(world.s.settings, portal=replace(world.s.settings.portal, force_https=True))
    plain = create_app(settings, world.s.clients).test_client()  # http://
    login = plain.get("/login")
    assert login.status_code == 302 and login.headers["Location"].startswith("https://")
    assert plain.get("/health").status_code == 200
