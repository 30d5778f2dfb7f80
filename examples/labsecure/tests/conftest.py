"""Fixtures: one moto server for the session, reset and provisioned again for every test.

Queues use a visibility timeout of 1 s and short polls (moto honours both), so retries, redrives and crash
recovery happen within seconds; tests wait for a condition with a deadline, never for a fixed time.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from labsecure.local import stack

# The portal's test servers (the OIDC double, the browser tests' portal) would print an access log line per request.
logging.getLogger("werkzeug").setLevel(logging.WARNING)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TEST_ENV = {
    "LABSECURE_QUEUE_WAIT_SECONDS": "1",
    "LABSECURE_VISIBILITY_TIMEOUT": "1",
    "LABSECURE_HEARTBEAT_SECONDS": "0.3",
    "LABSECURE_MAX_RECEIVE_COUNT": "3",
    "LABSECURE_BACKOFF_BASE_SECONDS": "0",
    "LABSECURE_WORKER_THREADS": "4",
    "POWERTOOLS_METRICS_NAMESPACE": "LabSecure",
}


@pytest.fixture(scope="session")
def moto() -> Iterator[stack.MotoServer]:
    """moto's server on a free port, for the whole session."""
    server = stack.MotoServer()
    os.environ.update(stack.environment(server.endpoint, "labsecure-test", **TEST_ENV))
    yield server
    server.stop()


@pytest.fixture
def lab(moto: stack.MotoServer) -> stack.Stack:
    """A fresh account: every resource created, the demo lab registered with an API key."""
    from labsecure import config

    moto.reset()
    return stack.provision_demo(config.from_env())


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def queue_depth(s: stack.Stack, name: str) -> int:
    """Visible plus in-flight messages on a queue."""
    url = s.clients.sqs.get_queue_url(QueueName=name)["QueueUrl"]
    attrs = s.clients.sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attrs["ApproximateNumberOfMessages"]) + int(attrs["ApproximateNumberOfMessagesNotVisible"])


def scan(s: stack.Stack, table: str) -> list[dict[str, Any]]:
    """Every item of a table, as plain dicts."""
    from labsecure.stores._dynamo import from_item

    items: list[dict[str, Any]] = []
    for page in s.clients.dynamodb.get_paginator("scan").paginate(TableName=table):
        items.extend(from_item(i) for i in page.get("Items", []))
    return items


def object_keys(s: stack.Stack, bucket: str) -> list[str]:
    """Every object key in a bucket."""
    got = s.clients.s3.list_objects_v2(Bucket=bucket)
    return [o["Key"] for o in got.get("Contents", [])]


def body(response: dict[str, Any]) -> dict[str, Any]:
    """The JSON body of a handler's answer."""
    answer: dict[str, Any] = json.loads(response["body"])
    return answer


class Pipeline:
    """The handlers of one provisioned account, called as Lambda would call them, and an in-process worker."""

    def __init__(self, s: stack.Stack, moto: stack.MotoServer) -> None:
        from labsecure.functions import ingest, notify, report

        self.s, self.moto = s, moto
        self.ingest = ingest.build(s.settings, s.clients)
        self.notify = notify.build(s.settings, s.clients)
        self.report = report.build(s.settings, s.clients)

    def post(
        self,
        data: bytes,
        ctype: str = "application/json",
        key: str | None = "default",
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """POST /api/v1/ingest through an API Gateway v2 event."""
        from labsecure.local import apigw
        from labsecure.local.context import LocalContext

        sent = {"content-type": ctype, **(headers or {})}
        if key is not None:
            sent["x-api-key"] = self.s.api_key if key == "default" else key
        answer = self.ingest(apigw.event("POST", "/api/v1/ingest", sent, data), LocalContext("ingest"))
        return answer["statusCode"], body(answer)

    def get(self, path: str, key: str | None = "default") -> tuple[int, dict[str, Any]]:
        """GET a path of the API."""
        from labsecure.local import apigw
        from labsecure.local.context import LocalContext

        sent = {} if key is None else {"x-api-key": self.s.api_key if key == "default" else key}
        answer = self.ingest(apigw.event("GET", path, sent, b""), LocalContext("ingest"))
        return answer["statusCode"], body(answer)

    def sample(self, name: str) -> bytes:
        """A shipped sample's bytes."""
        return (SAMPLES / name).read_bytes()

    def statuses(self, ids: list[str]) -> dict[str, str]:
        """The current status of each result id."""
        return {rid: self.get(f"/api/v1/status/{rid}")[1].get("status", "?") for rid in ids}

    def process(self, ids: list[str], timeout: float = 30.0) -> dict[str, str]:
        """Run a worker in this process until every result is finished; their statuses."""
        import threading

        from labsecure.worker import Worker

        worker = Worker(self.s.settings, self.s.clients)
        thread = threading.Thread(target=worker.run, daemon=True)
        thread.start()
        try:
            wait_for(
                lambda: all(v in ("READY", "NEEDS_REVIEW", "REJECTED") for v in self.statuses(ids).values()),
                timeout,
                "results to finish",
            )
        finally:
            worker.stop()
            thread.join(timeout=10)
        return self.statuses(ids)

    def drain_notify(self, rounds: int = 0, timeout: float = 20.0) -> int:
        """Feed the notify queue to the notify handler until it is empty (or for ``rounds`` polls)."""
        from labsecure.local.poller import Poller

        poller = Poller(self.s.clients, self.s.settings.names.notify_queue, self.notify, "notify", wait_seconds=1)
        handled, polls = 0, 0
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done = poller.poll_once()
            handled, polls = handled + done, polls + 1
            if (rounds and polls >= rounds) or (
                done == 0 and queue_depth(self.s, self.s.settings.names.notify_queue) == 0
            ):
                break
        return handled


@pytest.fixture
def pipe(lab: stack.Stack, moto: stack.MotoServer) -> Pipeline:
    """The handlers and worker of a fresh account, with the demo patient enrolled for email."""
    from labsecure.domain.identity import Identity
    from labsecure.stores.patients import Patients

    Patients(lab.settings, lab.clients).enrol("NORTHWIND", Identity(mrn="MRN-00482913"), "patient@example.org")
    return Pipeline(lab, moto)


# --- the portal ------------------------------------------------------------------------------------------------

HIGH_LOW = (b'"Albumin", "value": "4.4"', b'"Albumin", "value": "2.9"')  # glucose is already high: one H, one L
CRITICAL_K = (b'"Potassium", "value": "4,1"', b'"Potassium", "value": "6.9"')
_CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')


class World:
    """A provisioned account with results: the demo patient ("patient", one READY result with high and low
    values and one held critical one), another patient ("other", one READY result), and one user per staff role."""

    def __init__(self, pipe: Pipeline) -> None:
        from labsecure.domain.identity import Identity
        from labsecure.local import accounts
        from labsecure.stores.patients import Patients
        from labsecure.stores.users import Users

        self.pipe, self.s = pipe, pipe.s
        patients = Patients(self.s.settings, self.s.clients)
        self.patient_id = patients.resolve("NORTHWIND", Identity(mrn="MRN-00482913"))
        self.other_id = patients.enrol("NORTHWIND", Identity(mrn="MRN-777"), "other@example.org")
        accounts.create(self.s.settings, self.s.clients, "NORTHWIND", self.patient_id)
        Users(self.s.settings, self.s.clients).create_patient(
            "other", "o@example.org", self.other_id, accounts.PATIENT.password
        )
        cmp = pipe.sample("cmp.json")
        self.ready = pipe.post(cmp.replace(*HIGH_LOW))[1]["result_id"]
        self.held = pipe.post(cmp.replace(*CRITICAL_K))[1]["result_id"]
        self.others = pipe.post(cmp.replace(b"MRN-00482913", b"MRN-777"))[1]["result_id"]
        self._work(3)
        self.passwords = {a.username: a.password for a in (*accounts.STAFF, accounts.PATIENT)}
        self.passwords["other"] = accounts.PATIENT.password

    def _work(self, count: int) -> None:
        """Run the worker's handler on the queued messages, in this thread (no polling to wait for)."""
        from labsecure.stores.queues import Queue
        from labsecure.worker import Worker

        worker, queue = (
            Worker(self.s.settings, self.s.clients),
            Queue(self.s.clients, self.s.settings.names.ingest_queue),
        )
        done = 0
        deadline = time.monotonic() + 30
        while done < count and time.monotonic() < deadline:
            for message in queue.receive(max_messages=10, wait_seconds=0):
                worker.handle(str(message["Body"]))
                queue.delete(str(message["ReceiptHandle"]))
                done += 1
        assert done == count

    def app(self, **overrides: Any) -> Any:
        from labsecure.portal import create_app

        app = create_app(self.s.settings, self.s.clients, **overrides)
        app.config["TESTING"] = False  # errors go through the error handlers, as in production
        return app


def csrf_of(html: str) -> str:
    """The CSRF token of the first form in a page."""
    found = _CSRF.search(html)
    assert found, "no CSRF token in the page"
    value = re.search(r'value="([^"]+)"', found.group(0))
    assert value
    return value.group(1)


def sign_in(client: Any, username: str, password: str, next_path: str = "") -> Any:
    """Sign in through the form (GET for the token, then POST); the POST's response."""
    page = client.get("/login")
    data = {"username": username, "password": password, "csrf_token": csrf_of(page.get_data(as_text=True))}
    return client.post("/login" + (f"?next={next_path}" if next_path else ""), data=data)


def https_client(app: Any) -> Any:
    """A test client whose requests arrive over HTTPS (the session cookie is Secure)."""
    from flask.testing import FlaskClient

    class HttpsClient(FlaskClient):
        def open(self, *args: Any, **kwargs: Any) -> Any:
            if not (args and not isinstance(args[0], str)):
                kwargs.setdefault("base_url", "https://localhost")
            return super().open(*args, **kwargs)

    app.test_client_class = HttpsClient
    return app.test_client()


@pytest.fixture
def world(pipe: Pipeline) -> World:
    """Results, patients and staff in a fresh account."""
    return World(pipe)


@pytest.fixture
def portal(world: World) -> Any:
    """The portal's Flask app over ``world``."""
    return world.app()


@pytest.fixture
def client(portal: Any) -> Any:
    """A test client over HTTPS (the session cookie is Secure)."""
    return https_client(portal)
