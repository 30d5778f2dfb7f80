"""Accepting a submission: validate with labcore, check the lab, store the raw bytes, record RECEIVED, queue.

The ingest handler calls this; it owns no HTTP. A rejected payload raises ``InvalidPayload`` before anything
is written. Resubmissions are recognised with Powertools' idempotency utility (keyed by ``domain.ids.dedup_key``)
and, past its window, by the result id itself, which is derived from the same key.
"""

from __future__ import annotations

from typing import Any

import labcore
from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain import formats, identity, ids
from labsecure.domain.messages import ResultRef
from labsecure.domain.processing import public_findings
from labsecure.domain.status import Status
from labsecure.errors import InProgress, InvalidPayload, LabMismatch, NotFound, RequestError
from labsecure.stores.labs import Lab
from labsecure.stores.objects import Objects
from labsecure.stores.patients import Patients
from labsecure.stores.queues import Queue
from labsecure.stores.results import Results


def _rejection_answer(body: bytes, fmt: str) -> dict[str, Any]:
    """The HL7 ACK (AE/AR) or FHIR OperationOutcome for a rejected payload, in the sender's own format."""
    try:
        if fmt == "hl7v2":
            return {"ack": labcore.ack(body, control_id="LABSECURE")[0]}
        if fmt == "fhir":
            return {"operation_outcome": labcore.operation_outcome(body, format="fhir")}
    except labcore.LabcoreError:
        pass
    return {}


def validate(body: bytes, fmt: str) -> labcore.Outcome:
    """labcore's validation of the payload; ``InvalidPayload`` (422) with its findings when it is rejected."""
    try:
        return labcore.validate(body, format=fmt)  # type: ignore[arg-type]
    except labcore.ValidationError as err:
        raise InvalidPayload(public_findings(err.findings), **_rejection_answer(body, fmt)) from None
    except labcore.InputError as err:
        finding = {"code": err.code, "severity": "error", "path": err.path, "message": str(err)}
        raise InvalidPayload(
            [finding], code=err.code, message="the payload cannot be read", **_rejection_answer(body, fmt)
        ) from None


def check_lab(lab: Lab, outcome: labcore.Outcome) -> None:
    """``LabMismatch`` unless every laboratory the payload names is one this lab sends as."""
    for report in outcome.reports:
        named = report.get("lab_id")
        if named and not lab.sends_as(str(named)):
            raise LabMismatch()


def _submission(lab: Lab, body: bytes, fmt: str, idempotency_key: str | None) -> dict[str, Any]:
    """What the idempotent store step receives: the payload validated by labcore and checked against the lab, its
    patient envelope and its dedup key (``InvalidPayload``, ``LabMismatch`` otherwise)."""
    outcome = validate(body, fmt)
    check_lab(lab, outcome)
    envelope = identity.read(body, fmt)
    if envelope.identity is None:
        finding = {
            "code": "patient_identifier_missing",
            "severity": "error",
            "path": "",
            "message": "the payload names no patient identifier",
        }
        raise InvalidPayload([finding], code="patient_identifier_missing", **_rejection_answer(body, fmt))
    return {
        "dedup_key": ids.dedup_key(lab.lab_id, body, idempotency_key=idempotency_key, control_id=envelope.control_id),
        "content_hash": ids.content_hash(body),
        "lab_id": lab.lab_id,
        "format": fmt,
        "body": body,
        "envelope": envelope,
        "findings": public_findings(outcome.findings),
    }


class Intake:
    """The ingest use cases: submit a payload, read a result's status."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._settings = settings
        self._objects = Objects(settings, aws)
        self._patients = Patients(settings, aws)
        self._results = Results(settings, aws)
        self._queue = Queue(aws, settings.names.ingest_queue)
        # Two idempotent entry points: with the client's Idempotency-Key the payload must be the same as the
        # first time (else ``idempotency_key_reused``); an HL7 MSH-10 or the content hash is the message itself,
        # so a resend whose MSH-7 timestamp was regenerated is still the same message.
        self.idempotency = IdempotencyConfig(
            event_key_jmespath="dedup_key",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=settings.idempotency_seconds,
        )
        checked = IdempotencyConfig(
            event_key_jmespath="dedup_key",
            payload_validation_jmespath="content_hash",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=settings.idempotency_seconds,
        )
        self._configs = (self.idempotency, checked)
        self._accept, self._accept_checked = (
            # One persistence layer per decorated function (a shared one keeps the first function's settings).
            idempotent_function(
                data_keyword_argument="submission",
                persistence_store=DynamoDBPersistenceLayer(
                    table_name=settings.names.idempotency_table, boto3_client=aws.dynamodb
                ),
                config=cfg,
                key_prefix=f"labsecure-ingest-{name}",
            )(self._store)
            for name, cfg in (("message", self.idempotency), ("client-key", checked))
        )

    def register_context(self, context: LambdaContext) -> None:
        """Give the idempotency utility the invocation's deadline (so a crashed run does not block retries)."""
        for cfg in self._configs:
            cfg.register_lambda_context(context)

    def submit(self, lab: Lab, body: bytes, content_type: str | None, idempotency_key: str | None) -> dict[str, Any]:
        """Accept a payload from ``lab``; the answer of a 202 (result id, status, PHI-free findings)."""
        if idempotency_key is not None and not ids.valid_idempotency_key(idempotency_key):
            raise RequestError(
                "the Idempotency-Key header must be 8-128 URL-safe characters", code="idempotency_key_invalid"
            )
        fmt = formats.from_request(content_type, body)
        submission = _submission(lab, body, fmt, idempotency_key)
        accept = self._accept_checked if idempotency_key else self._accept
        try:
            answer: dict[str, Any] = accept(submission=submission)
        except IdempotencyAlreadyInProgressError:
            raise InProgress() from None
        except IdempotencyValidationError:
            raise RequestError(
                "this Idempotency-Key was used for a different payload", code="idempotency_key_reused"
            ) from None
        if fmt == "hl7v2":
            answer = {**answer, "ack": labcore.ack(body, control_id=f"LS-{answer['result_id'][:8]}")[0]}
        return answer

    def _store(self, submission: dict[str, Any]) -> dict[str, Any]:
        """Store raw bytes, record RECEIVED and queue the ids (each step idempotent, so a retry is safe)."""
        result_id = ids.result_id(submission["dedup_key"])
        answer = {
            "result_id": result_id,
            "status": Status.RECEIVED.value,
            "format": submission["format"],
            "findings": submission["findings"],
        }
        claimed = self._results.claimed(result_id)
        existing = self._results.get(claimed) if claimed else None
        if claimed and existing:
            if existing.get("status") == Status.RECEIVED.value:
                self._queue.send(claimed)  # an earlier attempt may have stopped before queueing it
            return {**answer, "status": existing["status"]}
        envelope: identity.Envelope = submission["envelope"]
        assert envelope.identity is not None
        lab_id, fmt = submission["lab_id"], submission["format"]
        patient_id = self._patients.resolve(lab_id, envelope.identity)
        ref = ResultRef(patient_id=patient_id, result_id=result_id)
        raw_key = Objects.raw_key(lab_id, result_id, formats.extension(fmt))
        self._objects.put_raw(raw_key, submission["body"], formats.content_type(fmt))
        order_key = self._patients.pseudonym(patient_id, envelope.order_ref) if envelope.order_ref else None
        if self._results.create_received(ref, lab_id=lab_id, fmt=fmt, raw_key=raw_key, order_key=order_key):
            self._queue.send(ref)
        return answer

    def status(self, lab: Lab, result_id: str) -> dict[str, Any]:
        """A result's status for the lab that submitted it; ``NotFound`` for anyone else."""
        item = self._results.find(result_id)
        if item is None or item.get("lab_id") != lab.lab_id:
            raise NotFound()
        keys = (
            "result_id",
            "status",
            "received_at",
            "updated_at",
            "completed_at",
            "version",
            "corrected",
            "supersedes",
            "superseded_by",
        )
        return {k: item[k] for k in keys if k in item}
