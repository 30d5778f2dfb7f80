"""Every route × every principal (signed out, and each role): the server refuses a role a route is not for
(403), sends the signed-out to sign in (302 for a page, 401 for a POST), and answers the right role with exactly the
status the route gives for a valid request; the public routes answer every principal as they should. Tests also
check that the table covers every route and method the app has, and that every POST refuses a request without
its CSRF token (so exempting one is noticed)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import World, csrf_of, https_client, sign_in

from labsecure.domain.roles import Role
from labsecure.local import stack
from labsecure.stores.labs import Labs
from labsecure.stores.results import Results
from labsecure.stores.users import Users

P, R, C, A = Role.PATIENT, Role.REVIEWER, Role.CASE_WORKER, Role.ADMIN
PRINCIPALS: list[Role | None] = [None, P, R, C, A]
ACCOUNTS = {None: None, P: "patient", R: "reviewer", C: "caseworker", A: "admin"}
HOMES = {None: "/login", P: "/dashboard", R: "/staff/review", C: "/staff/cases", A: "/staff/admin/labs"}


@dataclass(frozen=True)
class Route:
    """One request: ``allowed`` is the one role it is for (``None``: public), ``status`` what that role gets (for a
    public route: what every principal gets, or a function of the principal)."""

    method: str
    path: str
    allowed: Role | None
    status: Any
    data: dict[str, str] = field(default_factory=dict)


def _potassium_line(w: World) -> str:
    item = Results(w.s.settings, w.s.clients).find(w.held)
    assert item is not None
    return str([r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Potassium"))


def _two_keys(w: World) -> tuple[str, str]:
    labs = Labs(w.s.settings, w.s.clients)
    active = [k["key_id"] for k in labs.keys("NORTHWIND") if k["state"] == "active"]
    while len(active) < 2:
        labs.issue_key("NORTHWIND")
        active = [k["key_id"] for k in labs.keys("NORTHWIND") if k["state"] == "active"]
    return active[0], active[1]


def protected(w: World) -> list[Route]:
    """Every route one role may use, with a request that succeeds for it (in this order: each run is one world)."""
    held, pid, ready = w.held, w.patient_id, w.ready
    rotate, revoke = _two_keys(w)
    when = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M")
    staff = {"username": "rev9", "email": "rev9@example.org", "role": "Reviewer", "lab_id": "NORTHWIND"}
    return [
        Route("GET", "/dashboard", P, 200),
        Route("GET", f"/results/{ready}", P, 200),
        Route("GET", f"/results/{ready}/report", P, 303),
        Route("GET", "/profile", P, 200),
        Route("GET", "/staff/review", R, 200),
        Route("GET", f"/staff/review/{held}", R, 200),
        Route("POST", f"/staff/review/{held}/call", R, 303, {"told": "Dr Rivera", "called_at": when, "read_back": "y"}),
        Route("POST", f"/staff/review/{held}/decision", R, 303, {"decision": "release", "reason": "confirmed"}),
        Route(
            "POST",
            f"/staff/review/{held}/correct",
            R,
            303,
            {"index": _potassium_line(w), "value": "4.4", "reason": "typo"},
        ),
        Route("GET", f"/staff/review/{held}/report", R, 303),
        Route("GET", "/staff/cases", C, 200),
        Route("POST", "/staff/cases", C, 303, {"mrn": "MRN-00482913"}),
        Route("GET", f"/staff/cases/{pid}", C, 200),
        Route("POST", f"/staff/cases/{pid}/contact", C, 303, {"email": "new@example.org"}),
        Route("POST", f"/staff/cases/{pid}/results/{ready}/resend", C, 303),
        Route("GET", "/staff/admin/labs", A, 200),
        Route("POST", "/staff/admin/labs", A, 303, {"lab_id": "EASTSIDE", "name": "Eastside", "hold_hours": "12"}),
        Route("POST", "/staff/admin/labs/NORTHWIND/keys", A, 200),
        Route("POST", f"/staff/admin/labs/NORTHWIND/keys/{rotate}/rotate", A, 200),
        Route("POST", f"/staff/admin/labs/NORTHWIND/keys/{revoke}/revoke", A, 303),
        Route("GET", "/staff/admin/staff", A, 200),
        Route("POST", "/staff/admin/staff", A, 303, {**staff, "password": "Temporary-Pass-9"}),
        Route("POST", "/staff/admin/staff/caseworker/disable", A, 303),
        Route("POST", "/staff/admin/staff/caseworker/enable", A, 303),
        Route("GET", "/staff/admin/audit", A, 200),
    ]


def public() -> list[Route]:
    """The routes anyone may request, and what each principal gets (password mode: the Hosted UI's are 404)."""
    return [
        Route("GET", "/", None, lambda who: (302, HOMES[who])),
        Route("GET", "/login", None, 200),
        Route("POST", "/login", None, 401, {"username": "nobody", "password": "Wrong-Password-1"}),
        Route("GET", "/login/new-password", None, (302, "/login")),  # no first sign-in under way
        Route("POST", "/login/new-password", None, (302, "/login"), {"password": "Chosen-Password-77"}),
        Route("GET", "/auth/start", None, 404),
        Route("GET", "/auth/callback?code=x&state=y", None, 404),
        Route("GET", "/health", None, 200),
        Route("GET", "/static/portal.css", None, 200),
        Route("POST", "/logout", None, (302, "/login")),  # last: it signs the principal out
    ]


def test_the_table_covers_every_route_and_method(world: World) -> None:
    app = world.app()
    table = [(r.method, r.path.split("?")[0]) for r in (*protected(world), *public())]
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            assert any(m == method and _matches(rule.rule, p) for m, p in table), (method, rule.rule)
    assert ("POST", "/staff/admin/staff/caseworker/enable") in table  # both values of <any(disable, enable)>


def _matches(rule: str, path: str) -> bool:
    parts, got = rule.strip("/").split("/"), path.strip("/").split("/")
    if rule.startswith("/static/"):
        return path.startswith("/static/")
    return len(parts) == len(got) and all(a.startswith("<") or a == b for a, b in zip(parts, got, strict=True))


def _signed_in(world: World, who: Role | None) -> tuple[Any, str]:
    client = https_client(world.app())
    name = ACCOUNTS[who]
    if name:
        assert sign_in(client, name, world.passwords[name]).status_code == 302
    return client, csrf_of(client.get("/login").get_data(as_text=True))


def _expected(route: Route, who: Role | None) -> tuple[int, str | None]:
    if route.allowed is None:
        got = route.status(who) if callable(route.status) else route.status
        return got if isinstance(got, tuple) else (got, None)
    if who is route.allowed:
        return route.status, None
    if who is None:
        return (302, f"/login?next={route.path}") if route.method == "GET" else (401, None)
    return 403, None


@pytest.mark.parametrize("who", PRINCIPALS, ids=lambda r: str(r or "anonymous"))
def test_every_route_for_every_principal(world: World, who: Role | None) -> None:
    client, token = _signed_in(world, who)
    for route in (*protected(world), *public()):
        data = {"csrf_token": token, **route.data} if route.method == "POST" else None
        answer = client.open(route.path, method=route.method, data=data)
        status, location = _expected(route, who)
        where = (route.method, route.path, str(who), answer.status_code)
        assert answer.status_code == status, where
        if location is not None:
            assert answer.headers["Location"] == location, where


def test_every_post_refuses_a_request_without_its_csrf_token(world: World) -> None:
    # Enumerated from the app's own routes, each with a request its role would otherwise succeed with.
    app = world.app()
    table = [r for r in (*protected(world), *public()) if r.method == "POST"]
    clients: dict[Role | None, Any] = {}
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())]
    assert len(posts) >= 15
    for rule in posts:
        routes = [r for r in table if _matches(rule.rule, r.path)]
        assert routes, rule.rule
        for route in routes:
            if route.allowed not in clients:
                clients[route.allowed] = _signed_in(world, route.allowed)[0]
            answer = clients[route.allowed].post(route.path, data=route.data)
            assert answer.status_code == 400 and "csrf_failed" in answer.get_data(as_text=True), (rule.rule, route.path)


def test_staff_of_another_lab_see_nothing_of_this_one(world: World) -> None:
    from labsecure.stores.labs import Labs

    Labs(world.s.settings, world.s.clients).register("OTHERLAB", "Other", [])
    world.staff("rev2", Role.REVIEWER, "OTHERLAB", "Reviewer-Other-2026")
    world.staff("cw2", Role.CASE_WORKER, "OTHERLAB", "Reviewer-Other-2026")
    reviewer = https_client(world.app())
    sign_in(reviewer, "rev2", "Reviewer-Other-2026")
    assert world.held not in reviewer.get("/staff/review").get_data(as_text=True)
    assert reviewer.get(f"/staff/review/{world.held}").status_code == 404
    token = csrf_of(reviewer.get("/login").get_data(as_text=True))
    data = {"csrf_token": token, "decision": "release", "reason": "escalation"}
    assert reviewer.post(f"/staff/review/{world.held}/decision", data=data).status_code == 404
    case = https_client(world.app())
    sign_in(case, "cw2", "Reviewer-Other-2026")
    assert case.get(f"/staff/cases/{world.patient_id}").status_code == 404


def test_a_staff_user_without_a_lab_is_refused(lab: stack.Stack, world: World) -> None:
    world.staff("nolab", Role.REVIEWER, "", "Reviewer-Nolab-2026")
    client = https_client(world.app())
    sign_in(client, "nolab", "Reviewer-Nolab-2026")
    assert client.get("/staff/review").status_code == 403


def test_a_user_with_neither_patient_link_nor_group_cannot_sign_in(world: World) -> None:
    users = Users(world.s.settings, world.s.clients)
    users._create("drifter", "d@example.org", {}, "Drifter-Pass-2026")
    world.s.clients.cognito.admin_set_user_password(
        UserPoolId=world.s.settings.portal.user_pool_id,
        Username="drifter",
        Password="Drifter-Pass-2026",
        Permanent=True,
    )
    assert sign_in(https_client(world.app()), "drifter", "Drifter-Pass-2026").status_code == 401
