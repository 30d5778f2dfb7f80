"""Role escalation: a user cannot give themselves another patient's results, another lab or a staff role.

``custom:patient_id`` and ``custom:lab_id`` are read-only for the portal's app client (the Terraform and the
provisioning agree, checked below). moto does not enforce an app client's write attributes, so against moto a
user *can* change them with their own access token — and the portal must ignore the change: the patient record
and the labs table record which account (``sub``) is linked, and sign-in keeps only what they confirm. Staff roles
are Cognito groups (only an administrator API changes them); a token claiming one is only as good as its signature.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import hcl2
import jwt
import pytest
from botocore.exceptions import ClientError
from conftest import World, https_client, sign_in
from cryptography.hazmat.primitives.asymmetric import rsa
from hcl2 import SerializationOptions

from labsecure import enrolment
from labsecure.domain.roles import Role
from labsecure.portal.tokens import TokenVerifier
from labsecure.stores.labs import Labs
from labsecure.stores.users import Tokens, Users

COGNITO_TF = Path(__file__).resolve().parents[1] / "terraform" / "modules" / "labsecure" / "cognito.tf"
LINKS = {"custom:patient_id", "custom:lab_id"}


def test_the_terraform_app_client_reads_but_cannot_write_the_patient_or_lab_attribute() -> None:
    with open(COGNITO_TF) as handle:
        parsed = hcl2.load(handle, serialization_options=SerializationOptions(strip_string_quotes=True))
    resources = {
        name: body
        for block in parsed["resource"]
        for kind, named in block.items()
        for name, body in named.items()
        if kind == "aws_cognito_user_pool_client"
    }
    client = resources["portal"]
    assert set(client["read_attributes"]) >= LINKS
    assert set(client["write_attributes"]) == {"email"}  # no custom:* attribute is writable through the client


def test_the_provisioned_app_client_reads_but_cannot_write_them(world: World) -> None:
    portal = world.s.settings.portal
    described = world.s.clients.cognito.describe_user_pool_client(
        UserPoolId=portal.user_pool_id, ClientId=portal.client_id
    )
    client = described["UserPoolClient"]
    assert set(client["ReadAttributes"]) >= LINKS
    assert not LINKS & set(client.get("WriteAttributes", [])) and set(client["WriteAttributes"]) == {"email"}


def change_own_attribute(world: World, username: str, name: str, value: str) -> bool:
    """The user changes one of their attributes with their own access token; whether the pool accepted it."""
    got = Users(world.s.settings, world.s.clients).sign_in(username, world.passwords[username])
    assert isinstance(got, Tokens)
    try:
        world.s.clients.cognito.update_user_attributes(
            AccessToken=got.access_token, UserAttributes=[{"Name": name, "Value": value}]
        )
    except ClientError:
        return False  # refused (real Cognito: the app client may not write it)
    fresh = Users(world.s.settings, world.s.clients).sign_in(username, world.passwords[username])
    assert isinstance(fresh, Tokens)
    claims = TokenVerifier(world.s.settings.portal).verify_id_token(fresh.id_token)
    assert claims[name] == value  # moto accepted it: the next ID token carries the changed attribute
    return True


def test_a_patient_who_rewrites_their_patient_id_sees_no_one_elses_results(world: World) -> None:
    change_own_attribute(world, "patient", "custom:patient_id", world.other_id)
    client = https_client(world.app())
    answer = sign_in(client, "patient", world.passwords["patient"])
    assert answer.status_code == 401  # the token names a patient this account is not linked to: no patient role
    assert client.get(f"/results/{world.others}").status_code == 302
    assert client.get("/dashboard").status_code == 302
    other = https_client(world.app())
    assert sign_in(other, "other", world.passwords["other"]).status_code == 302  # the real owner still signs in
    assert other.get(f"/results/{world.others}").status_code == 200


def test_a_reviewer_who_rewrites_their_lab_sees_nothing_of_that_lab(world: World) -> None:
    Labs(world.s.settings, world.s.clients).register("OTHERLAB", "Other", [])
    enrolment.staff_account(
        Users(world.s.settings, world.s.clients),
        Labs(world.s.settings, world.s.clients),
        "rev2",
        "rev2@example.org",
        Role.REVIEWER,
        "OTHERLAB",
        "Reviewer-Other-2026",
        permanent=True,
    )
    world.passwords["rev2"] = "Reviewer-Other-2026"
    change_own_attribute(world, "rev2", "custom:lab_id", "NORTHWIND")
    client = https_client(world.app())
    assert sign_in(client, "rev2", world.passwords["rev2"]).status_code == 302
    assert client.get("/staff/review").status_code == 403  # a reviewer whose lab is not confirmed has none
    assert client.get(f"/staff/review/{world.held}").status_code == 403
    assert world.held not in client.get("/staff/review").get_data(as_text=True)


def forged(world: World, **claims: Any) -> dict[str, str]:
    now = int(time.time())
    portal = world.s.settings.portal
    base = {"sub": "s-x", "cognito:username": "patient", "iss": portal.issuer, "aud": portal.client_id}
    body = {**base, "token_use": "id", "iat": now, "exp": now + 600, **claims}
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = json.dumps(jwt.algorithms.RSAAlgorithm.to_jwk(other_key.public_key()))
    return {
        "another key": jwt.encode(body, other_key, algorithm="RS256", headers={"kid": "dummy"}),
        "alg none": jwt.encode(body, None, algorithm="none"),  # type: ignore[arg-type]
        "hs256 with the public key": jwt.encode(body, public, algorithm="HS256", headers={"kid": "dummy"}),
    }


@pytest.mark.parametrize("how", ["another key", "alg none", "hs256 with the public key"])
def test_a_forged_token_claiming_the_admin_group_is_refused(world: World, monkeypatch: Any, how: str) -> None:
    token = forged(world, **{"cognito:groups": ["Admin"]})[how]
    monkeypatch.setattr(Users, "sign_in", lambda self, u, p: Tokens(token, "access"))
    client = https_client(world.app())
    assert sign_in(client, "patient", "whatever").status_code == 401
    for path in ("/staff/admin/labs", "/staff/admin/staff", "/staff/admin/audit"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login"), path
