"""The ingest API (Lambda behind an API Gateway HTTP API, payload format 2.0).

    POST /api/v1/ingest               labcore JSON, FHIR R4 or HL7 v2 → 202 {result_id, findings} | 4xx
    GET  /api/v1/status/{result_id}   the status of a result this lab submitted → 200 | 404
    GET  /api/v1/health               → 200 {"status": "ok"}

Each lab sends its own API key in ``X-API-Key``. Errors answer ``{"error": {"code", "message"}}`` with a stable
code; nothing else (no stack trace, no payload value) ever reaches a client.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from labsecure import aws, config
from labsecure.errors import LabsecureError, PayloadTooLarge, RequestError, Unauthorized
from labsecure.functions.entry import Handler, lazy_entry
from labsecure.intake import Intake
from labsecure.observability import logger, metrics
from labsecure.stores.labs import Lab, Labs

log = logger("labsecure-ingest")
metric = metrics("labsecure-ingest")


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response[str]:
    return Response(
        status_code=status,
        content_type="application/json",
        body=json.dumps(body, separators=(",", ":")),
        headers=headers or {},
    )


def _body(app: APIGatewayHttpResolver, limit: int) -> bytes:
    event = app.current_event
    raw = event.body or ""
    if len(raw) > limit * 4 // 3 + 4:
        raise PayloadTooLarge()
    try:
        body = base64.b64decode(raw, validate=True) if event.is_base64_encoded else raw.encode("utf-8")
    except (binascii.Error, ValueError):
        raise RequestError("the body is not valid base64", code="body_unreadable") from None
    if len(body) > limit:
        raise PayloadTooLarge()
    return body


def build(settings: config.Settings, clients: aws.Clients) -> Handler:
    """The ingest handler for ``settings`` (an application factory: routes, stores and error mapping)."""
    app = APIGatewayHttpResolver()
    intake = Intake(settings, clients)
    _routes(app, settings, Labs(settings, clients), intake)
    _errors(app)

    @metric.log_metrics
    @log.inject_lambda_context(clear_state=True)
    def handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        intake.register_context(context)
        return app.resolve(event, context)

    return handle


def _routes(app: APIGatewayHttpResolver, settings: config.Settings, labs: Labs, intake: Intake) -> None:
    """The API's three routes."""

    def authenticate() -> Lab:
        key = app.current_event.headers.get("x-api-key")
        if not key:
            raise Unauthorized(code="api_key_missing")
        lab = labs.authenticate(key)
        if lab is None:
            raise Unauthorized()
        log.append_keys(lab_id=lab.lab_id)
        return lab

    @app.get("/api/v1/health")
    def health() -> Response[str]:
        return _json(200, {"status": "ok"})

    @app.post("/api/v1/ingest")
    def ingest() -> Response[str]:
        lab = authenticate()
        body = _body(app, settings.max_body_bytes)
        headers = app.current_event.headers
        answer = intake.submit(lab, body, headers.get("content-type"), headers.get("idempotency-key"))
        log.info("accepted", extra={"result_id": answer["result_id"], "format": answer["format"]})
        metric.add_metric(name="Accepted", unit=MetricUnit.Count, value=1)
        return _json(202, answer, {"Location": f"/api/v1/status/{answer['result_id']}"})

    @app.get("/api/v1/status/<result_id>")
    def status(result_id: str) -> Response[str]:
        return _json(200, intake.status(authenticate(), result_id))


def _errors(app: APIGatewayHttpResolver) -> None:
    """Errors as ``{"error": {"code", "message"}}``: ours with their status, anything else ``internal_error``."""

    @app.not_found
    def not_found(_: Exception) -> Response[str]:
        return _json(404, {"error": {"code": "not_found", "message": "not found"}})

    def refused(err: LabsecureError) -> Response[str]:
        log.info("refused", extra={"code": err.code, "status": err.status})
        metric.add_metric(name="Refused", unit=MetricUnit.Count, value=1)
        return _json(err.status, err.body())

    def failed(err: Exception) -> Response[str]:
        # Only the exception's type: its text could quote something from the request.
        log.error("internal error", extra={"error_type": type(err).__name__})
        return _json(500, {"error": {"code": "internal_error", "message": "internal error"}})

    app.exception_handler(LabsecureError)(refused)
    app.exception_handler(Exception)(failed)


handler = lazy_entry(build)
"""The Lambda entry point (settings from the environment, built on first use)."""
