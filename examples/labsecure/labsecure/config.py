"""Every setting of LabSecure, read from the environment in one place.

Resource names come from ``resources.json`` (shared with the Terraform in ``terraform/``), prefixed with
``LABSECURE_PREFIX``; each can be overridden by its own variable (``LABSECURE_RAW_BUCKET`` …), which is how the
Terraform hands the deployed names to the Lambda functions and the worker. ``AWS_ENDPOINT_URL`` points every
boto3 client at moto locally; on real AWS it is unset.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Mapping

_NAME_KEYS = (
    "raw_bucket",
    "reports_bucket",
    "ingest_queue",
    "ingest_dlq",
    "notify_queue",
    "notify_dlq",
    "results_table",
    "patients_table",
    "labs_table",
    "idempotency_table",
    "sessions_table",
    "audit_table",
    "data_key_alias",
    "lookup_key_alias",
    "user_pool",
    "portal_client",
)
SERVICES = ("s3", "sqs", "dynamodb", "kms", "sesv2", "cognito-idp")
_INDEX_KEYS = (
    "results_by_id_index",
    "patients_by_id_index",
    "labs_by_lab_index",
    "results_review_index",
    "audit_by_subject_index",
)


def resource_spec() -> dict[str, Any]:
    """The shared resource file (``labsecure/resources.json``) as a dict, without its comment."""
    text = resources.files("labsecure").joinpath("resources.json").read_text(encoding="utf-8")
    spec: dict[str, Any] = json.loads(text)
    spec.pop("_comment", None)
    return spec


def resource_name(prefix: str, key: str) -> str:
    """The full name of one resource for a stage prefix, exactly as the Terraform builds it."""
    template = str(resource_spec()[key])
    if "{prefix}" in template:
        return template.replace("{prefix}", prefix)
    return f"{prefix}-{template}"


@dataclass(frozen=True)
class Names:
    """The deployed name of every resource."""

    raw_bucket: str
    reports_bucket: str
    ingest_queue: str
    ingest_dlq: str
    notify_queue: str
    notify_dlq: str
    results_table: str
    patients_table: str
    labs_table: str
    idempotency_table: str
    sessions_table: str
    audit_table: str
    data_key_alias: str
    lookup_key_alias: str
    user_pool: str
    portal_client: str
    results_by_id_index: str
    patients_by_id_index: str
    labs_by_lab_index: str
    results_review_index: str
    audit_by_subject_index: str
    max_receive_count: int


def _names(env: Mapping[str, str], prefix: str) -> Names:
    spec = resource_spec()
    values: dict[str, Any] = {}
    for key in _NAME_KEYS:
        values[key] = env.get(f"LABSECURE_{key.upper()}") or resource_name(prefix, key)
    for key in _INDEX_KEYS:
        values[key] = str(spec[key])
    values["max_receive_count"] = int(env.get("LABSECURE_MAX_RECEIVE_COUNT", spec["max_receive_count"]))
    return Names(**values)


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    return int(env.get(name, str(default)))


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    return float(env.get(name, str(default)))


@dataclass(frozen=True)
class PortalSettings:
    """The patient portal's settings (``labsecure.portal``): Cognito, sessions, limits.

    ``auth_mode`` is ``password`` (the portal's own form, Cognito's USER_PASSWORD_AUTH: what moto offers) or
    ``hosted`` (Cognito's Hosted UI, the authorisation-code flow with PKCE: production). The token issuer is always
    Cognito's real URL, even against moto, so it and the JWKS URL are set separately. ``report_function`` names
    the report Lambda to invoke (on AWS); empty, the portal runs the report code in its own process (locally).
    """

    auth_mode: str = "password"
    user_pool_id: str = ""
    client_id: str = ""
    client_secret: str = ""
    issuer: str = ""
    jwks_url: str = ""
    hosted_domain: str = ""
    secret_key: str = ""
    session_idle_seconds: int = 1800
    anonymous_session_seconds: int = 900
    login_rate_limit: str = "5 per minute;30 per hour"
    ratelimit_storage: str = "memory://"
    force_https: bool = False
    proxies: int = 0
    http_timeout_seconds: float = 5.0
    report_function: str = ""

    def endpoint(self, path: str) -> str:
        """A Hosted UI endpoint (``/oauth2/authorize``, ``/oauth2/token``, ``/logout``)."""
        return f"{self.hosted_domain.rstrip('/')}{path}"


@dataclass(frozen=True)
class Settings:
    """Everything the handlers, the worker and the local runner are configured with."""

    prefix: str
    region: str
    endpoint_url: str | None
    names: Names
    max_body_bytes: int = 2 * 1024 * 1024
    queue_wait_seconds: int = 20
    visibility_timeout: int = 60
    heartbeat_seconds: float = 20.0
    worker_threads: int = 4
    sender_email: str = "results@labsecure.example"
    portal_url: str = "https://portal.labsecure.example"
    presign_seconds: int = 3600
    send_attempts: int = 5
    backoff_base_seconds: float = 0.2
    idempotency_seconds: int = 24 * 3600
    endpoints: Mapping[str, str] = field(default_factory=dict)
    portal: PortalSettings = field(default_factory=PortalSettings)


def _portal(env: Mapping[str, str], region: str, cognito_endpoint: str | None) -> PortalSettings:
    pool = env.get("LABSECURE_USER_POOL_ID", "")
    issuer = env.get("LABSECURE_COGNITO_ISSUER") or f"https://cognito-idp.{region}.amazonaws.com/{pool}"
    jwks = env.get("LABSECURE_COGNITO_JWKS_URL") or (
        f"{cognito_endpoint.rstrip('/')}/{pool}/.well-known/jwks.json"
        if cognito_endpoint
        else f"{issuer}/.well-known/jwks.json"
    )
    return PortalSettings(
        auth_mode=env.get("LABSECURE_AUTH_MODE", "password"),
        user_pool_id=pool,
        client_id=env.get("LABSECURE_PORTAL_CLIENT_ID", ""),
        client_secret=env.get("LABSECURE_PORTAL_CLIENT_SECRET", ""),
        issuer=issuer,
        jwks_url=jwks,
        hosted_domain=env.get("LABSECURE_COGNITO_DOMAIN", ""),
        secret_key=env.get("LABSECURE_PORTAL_SECRET_KEY", ""),
        session_idle_seconds=_int(env, "LABSECURE_SESSION_IDLE_SECONDS", 1800),
        anonymous_session_seconds=_int(env, "LABSECURE_ANONYMOUS_SESSION_SECONDS", 900),
        login_rate_limit=env.get("LABSECURE_LOGIN_RATE_LIMIT", "5 per minute;30 per hour"),
        ratelimit_storage=env.get("LABSECURE_RATELIMIT_STORAGE", "memory://"),
        force_https=env.get("LABSECURE_PORTAL_FORCE_HTTPS", "0") == "1",
        proxies=_int(env, "LABSECURE_PORTAL_PROXIES", 0),
        http_timeout_seconds=_float(env, "LABSECURE_HTTP_TIMEOUT_SECONDS", 5.0),
        report_function=env.get("LABSECURE_REPORT_FUNCTION", ""),
    )


def _service_env(service: str) -> str:
    return f"AWS_ENDPOINT_URL_{service.upper().replace('-', '_')}"


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from ``env`` (default: ``os.environ``)."""
    env = os.environ if env is None else env
    prefix = env.get("LABSECURE_PREFIX", "labsecure-local")
    region = env.get("AWS_DEFAULT_REGION") or env.get("AWS_REGION") or "eu-west-1"
    endpoint_url = env.get("AWS_ENDPOINT_URL") or None
    endpoints = {s: env[_service_env(s)] for s in SERVICES if env.get(_service_env(s))}
    return Settings(
        prefix=prefix,
        region=region,
        endpoint_url=endpoint_url,
        endpoints=endpoints,
        portal=_portal(env, region, endpoints.get("cognito-idp", endpoint_url)),
        names=_names(env, prefix),
        max_body_bytes=_int(env, "LABSECURE_MAX_BODY_BYTES", 2 * 1024 * 1024),
        queue_wait_seconds=_int(env, "LABSECURE_QUEUE_WAIT_SECONDS", 20),
        visibility_timeout=_int(env, "LABSECURE_VISIBILITY_TIMEOUT", 60),
        heartbeat_seconds=_float(env, "LABSECURE_HEARTBEAT_SECONDS", 20.0),
        worker_threads=_int(env, "LABSECURE_WORKER_THREADS", 4),
        sender_email=env.get("LABSECURE_SENDER_EMAIL", "results@labsecure.example"),
        portal_url=env.get("LABSECURE_PORTAL_URL", "https://portal.labsecure.example").rstrip("/"),
        presign_seconds=_int(env, "LABSECURE_PRESIGN_SECONDS", 3600),
        send_attempts=_int(env, "LABSECURE_SEND_ATTEMPTS", 5),
        backoff_base_seconds=_float(env, "LABSECURE_BACKOFF_BASE_SECONDS", 0.2),
        idempotency_seconds=_int(env, "LABSECURE_IDEMPOTENCY_SECONDS", 24 * 3600),
    )


def terraform_names(prefix: str) -> dict[str, str]:
    """Every resource name for ``prefix`` (what ``terraform/`` must create; the tests compare the two)."""
    return {key: resource_name(prefix, key) for key in _NAME_KEYS}
