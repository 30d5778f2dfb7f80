"""Every route × every role: the server refuses a role a route is not for (403), sends the signed-out to sign
in, and lets the right role through. A test also checks the table covers every route the app has."""

from __future__ import annotations

import pytest
from conftest import World, csrf_of, https_client, sign_in

from labsecure.domain.roles import Role
from labsecure.local import stack
from labsecure.stores.users import Users

P, R, C, A = Role.PATIENT, Role.REVIEWER, Role.CASE_WORKER, Role.ADMIN


def routes(w: World) -> list[tuple[str, str, Role]]:
    """(method, path, the one role allowed) for every protected route."""
    held, pid = w.held, w.patient_id
    return [
        ("GET", "/dashboard", P),
        ("GET", f"/results/{w.ready}", P),
        ("GET", f"/results/{w.ready}/report", P),
        ("GET", "/profile", P),
        ("GET", "/staff/review", R),
        ("GET", f"/staff/review/{held}", R),
        ("POST", f"/staff/review/{held}/decision", R),
        ("POST", f"/staff/review/{held}/call", R),
        ("POST", f"/staff/review/{held}/correct", R),
        ("GET", f"/staff/review/{held}/report", R),
        ("GET", "/staff/cases", C),
        ("POST", "/staff/cases", C),
        ("GET", f"/staff/cases/{pid}", C),
        ("POST", f"/staff/cases/{pid}/contact", C),
        ("POST", f"/staff/cases/{pid}/results/{w.ready}/resend", C),
        ("GET", "/staff/admin/labs", A),
        ("POST", "/staff/admin/labs", A),
        ("POST", "/staff/admin/labs/NORTHWIND/keys", A),
        ("POST", "/staff/admin/labs/NORTHWIND/keys/nokey/rotate", A),
        ("POST", "/staff/admin/labs/NORTHWIND/keys/nokey/revoke", A),
        ("GET", "/staff/admin/staff", A),
        ("POST", "/staff/admin/staff", A),
        ("POST", "/staff/admin/staff/nobody/disable", A),
        ("GET", "/staff/admin/audit", A),
    ]


PUBLIC = {
    "/login",
    "/login/new-password",
    "/auth/start",
    "/auth/callback",
    "/logout",
    "/",
    "/health",
    "/static/<path:filename>",
}
ACCOUNTS = {None: None, P: "patient", R: "reviewer", C: "caseworker", A: "admin"}


def test_the_table_covers_every_route(world: World) -> None:
    app = world.app()
    table = {(m, p) for m, p, _ in routes(world)}
    for rule in app.url_map.iter_rules():
        if rule.rule in PUBLIC:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:  # type: ignore[operator]
            assert any(m == method and _matches(rule.rule, p) for m, p in table), (method, rule.rule)


def _matches(rule: str, path: str) -> bool:
    parts, got = rule.strip("/").split("/"), path.strip("/").split("/")
    return len(parts) == len(got) and all(a.startswith("<") or a == b for a, b in zip(parts, got, strict=True))


@pytest.mark.parametrize("who", list(ACCOUNTS), ids=lambda r: str(r or "anonymous"))
def test_every_route_for_every_role(world: World, who: Role | None) -> None:
    client = https_client(world.app())
    name = ACCOUNTS[who]
    if name:
        assert sign_in(client, name, world.passwords[name]).status_code == 302
    token = csrf_of(client.get("/login").get_data(as_text=True))
    for method, path, allowed in routes(world):
        answer = client.open(path, method=method, data={"csrf_token": token} if method == "POST" else None)
        where = (method, path, str(who))
        if who is None:
            assert answer.status_code in (302, 401), where
            if answer.status_code == 302:
                assert answer.headers["Location"].startswith("/login"), where
        elif who is allowed:
            assert answer.status_code not in (401, 403) and not answer.headers.get("Location", "").startswith(
                "/login"
            ), where
        else:
            assert answer.status_code == 403, where


def test_staff_of_another_lab_see_nothing_of_this_one(world: World) -> None:
    from labsecure.stores.labs import Labs

    Labs(world.s.settings, world.s.clients).register("OTHERLAB", "Other", [])
    users = Users(world.s.settings, world.s.clients)
    users.create_staff("rev2", "rev2@example.org", Role.REVIEWER, "OTHERLAB", "Reviewer-Other-2026", permanent=True)
    users.create_staff("cw2", "cw2@example.org", Role.CASE_WORKER, "OTHERLAB", "Reviewer-Other-2026", permanent=True)
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
    Users(world.s.settings, world.s.clients).create_staff(
        "nolab", "n@example.org", Role.REVIEWER, "", "Reviewer-Nolab-2026", permanent=True
    )
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
