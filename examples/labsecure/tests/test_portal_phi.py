"""No PHI (and no password) outside the data stores when the portal is used: not in a log line, an audit
record, a session key or a URL — while patients, reviewers and case workers do their work."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import World, csrf_of, https_client, scan, sign_in

PLANTED = ("MRN-00482913", "1984-03-12", "patient@example.org", "new-phi@example.org")


def test_the_portal_writes_no_phi_outside_the_stores(world: World, capfd: pytest.CaptureFixture[str]) -> None:
    urls: list[str] = []

    def visit(client: Any, method: str, path: str, **kw: Any) -> Any:
        urls.append(path)
        return client.open(path, method=method, **kw)

    patient = https_client(world.app())
    sign_in(patient, "patient", world.passwords["patient"])
    visit(patient, "GET", "/dashboard")
    visit(patient, "GET", f"/results/{world.ready}")
    visit(patient, "GET", f"/results/{world.ready}/report")
    case = https_client(world.app())
    sign_in(case, "caseworker", world.passwords["caseworker"])
    token = csrf_of(case.get("/login").get_data(as_text=True))
    found = visit(case, "POST", "/staff/cases", data={"csrf_token": token, "mrn": "MRN-00482913"})
    urls.append(found.headers["Location"])
    visit(case, "POST", f"/staff/cases/{world.patient_id}/contact", data={"csrf_token": token, "email": PLANTED[3]})
    visit(case, "POST", "/staff/cases", data={"mrn": "MRN-00482913"})  # a CSRF failure is logged: without the MRN
    sign_in(https_client(world.app()), "patient", "Wrong-Password-1")  # a failed sign-in is logged and audited
    out, err = capfd.readouterr()
    names = world.s.settings.names
    audit = json.dumps(scan(world.s, names.audit_table))
    session_keys = [item["sid"] for item in scan(world.s, names.sessions_table)]
    for where, text in (
        ("logs", out + err),
        ("audit", audit),
        ("session keys", json.dumps(session_keys)),
        ("urls", " ".join(urls)),
    ):
        for value in (*PLANTED, world.passwords["patient"], world.passwords["caseworker"], "Wrong-Password-1"):
            assert value not in text, (where, value)
    assert "csrf refused" in out + err  # the logs were captured
    assert "result_viewed" in audit and "contact_updated" in audit and "sign_in_failed" in audit
