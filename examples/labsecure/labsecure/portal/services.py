"""What the portal's routes use — the stores, the token verifier, the report function — built once per app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from flask import current_app

from labsecure import aws, config
from labsecure.domain import audit
from labsecure.portal.tokens import TokenVerifier
from labsecure.stores.audit import Audit
from labsecure.stores.labs import Labs
from labsecure.stores.patients import Patients
from labsecure.stores.queues import Queue
from labsecure.stores.results import Results
from labsecure.stores.reviews import Reviews
from labsecure.stores.sessions import Sessions
from labsecure.stores.users import Users

ReportFunction = Callable[[dict[str, Any]], dict[str, Any]]
"""The report function as the portal calls it: the event in, the answer out (Lambda Invoke on AWS)."""


@dataclass
class Services:
    """The portal's dependencies."""

    settings: config.Settings
    clients: aws.Clients
    users: Users
    sessions: Sessions
    results: Results
    patients: Patients
    labs: Labs
    reviews: Reviews
    trail: Audit
    notify: Queue
    verifier: TokenVerifier
    report: ReportFunction

    def audit(self, action: audit.Action, subject: str, lab_id: str = "", **detail: str) -> None:
        """Append an audit record by the signed-in user (ids, codes and reasons only)."""
        from labsecure.portal.guard import current

        who = current()
        self.trail.write(
            audit.record(
                action,
                actor=who.sub if who else "anonymous",
                actor_name=who.username if who else "anonymous",
                subject=subject,
                lab_id=lab_id,
                detail=detail,
            )
        )


def in_process_report(settings: config.Settings, clients: aws.Clients) -> ReportFunction:
    """The report handler called in this process (locally, and where the portal runs beside it)."""
    from labsecure.functions import report
    from labsecure.local.context import LocalContext

    handler = report.build(settings, clients)
    return lambda event: handler(event, LocalContext("labsecure-report"))


def invoked_report(function_name: str, region: str, lambda_client: Any = None) -> ReportFunction:
    """The report function invoked through Lambda (``LABSECURE_REPORT_FUNCTION``: on AWS)."""
    import json

    import boto3

    client = lambda_client or boto3.client("lambda", region_name=region)

    def call(event: dict[str, Any]) -> dict[str, Any]:
        got = client.invoke(FunctionName=function_name, Payload=json.dumps(event).encode("utf-8"))
        if got.get("FunctionError"):
            return {"error": {"code": "internal_error", "message": "internal error"}}
        answer: dict[str, Any] = json.loads(got["Payload"].read())
        return answer

    return call


def _report(settings: config.Settings, clients: aws.Clients) -> ReportFunction:
    if settings.portal.report_function:
        return invoked_report(settings.portal.report_function, settings.region)
    return in_process_report(settings, clients)


def build(
    settings: config.Settings,
    clients: aws.Clients,
    *,
    verifier: TokenVerifier | None = None,
    report: ReportFunction | None = None,
) -> Services:
    """Every dependency for ``settings``."""
    return Services(
        settings=settings,
        clients=clients,
        users=Users(settings, clients),
        sessions=Sessions(settings, clients),
        results=Results(settings, clients),
        patients=Patients(settings, clients),
        labs=Labs(settings, clients),
        reviews=Reviews(settings, clients),
        trail=Audit(settings, clients),
        notify=Queue(clients, settings.names.notify_queue),
        verifier=verifier or TokenVerifier(settings.portal),
        report=report or _report(settings, clients),
    )


def services() -> Services:
    """The current app's services."""
    found: Services = current_app.extensions["labsecure"]
    return found
