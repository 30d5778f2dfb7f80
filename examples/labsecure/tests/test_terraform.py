"""The Terraform creates every resource the code names, with the code's names (read from the same file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions

from labsecure import config

MODULE = Path(__file__).resolve().parents[1] / "terraform" / "modules" / "labsecure"


def parsed(path: Path) -> Any:
    with open(path) as handle:
        options = SerializationOptions(strip_string_quotes=True, explicit_blocks=False)
        return hcl2.load(handle, serialization_options=options)


def test_every_file_parses() -> None:
    files = list(MODULE.glob("*.tf")) + list((MODULE.parents[1] / "envs").glob("*/*.tf"))
    assert len(files) >= 10
    for path in files:
        assert parsed(path) is not None, path


def test_terraform_reads_the_names_from_resources_json() -> None:
    text = (MODULE / "main.tf").read_text()
    assert 'file("${path.module}/../../../labsecure/resources.json")' in text
    assert (MODULE / "../../../labsecure/resources.json").resolve().is_file()
    assert 'replace(tostring(v), "{prefix}", var.prefix) : "${var.prefix}-${v}"' in text


def test_every_name_in_the_config_is_created_by_the_terraform() -> None:
    used = "\n".join(p.read_text() for p in MODULE.glob("*.tf"))
    for key in config.terraform_names("x"):
        assert f"local.names.{key}" in used, key
    for key in config.resource_spec():
        if not key.endswith("_index"):
            continue
        assert f"local.indexes.{key}" in used, key
    assert "maxReceiveCount     = local.max_receive_count" in used


def test_the_name_rule() -> None:
    names = config.terraform_names("acme-prod")
    assert names["raw_bucket"] == "acme-prod-raw" and names["data_key_alias"] == "alias/acme-prod-data"


def test_functions_run_the_packages_handlers() -> None:
    text = (MODULE / "lambda.tf").read_text()
    for name in ("ingest", "notify", "report", "release"):
        assert f"labsecure.functions.{name}.handler" in text
        module = __import__(f"labsecure.functions.{name}", fromlist=["handler"])
        assert callable(module.handler)
    assert '["ReportBatchItemFailures"]' in text


def test_the_portal_role_allows_every_cognito_call_the_users_store_makes() -> None:
    import re

    source = (MODULE.parents[2] / "labsecure" / "stores" / "users.py").read_text()
    calls = set(re.findall(r"self\._idp\.(\w+)\(", source)) | set(re.findall(r'get_paginator\("(\w+)"\)', source))
    calls -= {"get_paginator", "initiate_auth", "respond_to_auth_challenge"}  # the last two are public APIs
    iam = (MODULE / "iam.tf").read_text()
    assert calls
    for call in calls:
        action = "cognito-idp:" + "".join(part.capitalize() for part in call.split("_"))
        assert action in iam, action
