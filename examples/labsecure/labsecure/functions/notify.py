"""The notify function (SQS-triggered Lambda, partial batch responses): email "your results are ready".

For each message: skip what was already sent (a redelivery) or is not released, look up the patient's contact,
send through SES v2 with exponential backoff on throttling and transient errors, and record the outcome on the
result (``SENT`` with SES's message id, ``NO_CONTACT``, or ``FAILED``). A failed record is reported in
``batchItemFailures``, so SQS retries only it, and after ``maxReceiveCount`` it lands in the notify DLQ.
"""

from __future__ import annotations

import random
import time
from typing import TYPE_CHECKING, Any, Callable

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError, ReadTimeoutError

from labsecure import aws, config
from labsecure.domain import email, messages
from labsecure.domain.release import Release
from labsecure.errors import DeliveryFailed, PoisonMessage
from labsecure.functions.entry import Handler, lazy_entry
from labsecure.observability import logger, metrics
from labsecure.stores.patients import Patients
from labsecure.stores.results import Results

if TYPE_CHECKING:
    from mypy_boto3_sesv2 import SESV2Client

log = logger("labsecure-notify")
metric = metrics("labsecure-notify")

RETRYABLE = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "TooManyRequestsException",
        "LimitExceededException",
        "ServiceUnavailable",
        "InternalFailure",
        "InternalServiceError",
        "RequestTimeout",
    }
)
_TRANSIENT = (EndpointConnectionError, ConnectionClosedError, ReadTimeoutError)


class Mailer:
    """Sends one email through SES v2, backing off exponentially (full jitter) on retryable errors."""

    def __init__(self, settings: config.Settings, ses: SESV2Client, sleep: Callable[[float], None] = time.sleep):
        self._ses = ses
        self._sender = settings.sender_email
        self._attempts = max(1, settings.send_attempts)
        self._base = settings.backoff_base_seconds
        self._sleep = sleep

    def send(self, to: str, message: email.Email) -> str:
        """SES's message id; ``DeliveryFailed`` after the last attempt or on a permanent error."""
        for attempt in range(self._attempts):
            try:
                sent = self._ses.send_email(
                    FromEmailAddress=self._sender,
                    Destination={"ToAddresses": [to]},
                    Content={
                        "Simple": {
                            "Subject": {"Data": message.subject},
                            "Body": {"Text": {"Data": message.text}, "Html": {"Data": message.html}},
                        }
                    },
                )
                return str(sent.get("MessageId", ""))
            except ClientError as err:
                code = err.response.get("Error", {}).get("Code", "")
                if code not in RETRYABLE:
                    raise DeliveryFailed(code="delivery_rejected") from None
            except _TRANSIENT:
                pass
            if attempt + 1 < self._attempts:
                self._sleep(random.uniform(0, self._base * 2**attempt))  # noqa: S311 (jitter, not crypto)
        raise DeliveryFailed()


def build(settings: config.Settings, clients: aws.Clients, *, mailer: Mailer | None = None) -> Handler:
    """The notify handler for ``settings`` (``mailer`` replaceable, for injecting SES failures in tests)."""
    results = Results(settings, clients)
    patients = Patients(settings, clients)
    send = mailer or Mailer(settings, clients.sesv2)
    # Every failed record reported in batchItemFailures, even when all fail (Lambda then retries them all).
    processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)

    def notify(record: SQSRecord) -> None:
        ref = messages.parse(record.body)
        item = results.get(ref)
        if item is None:
            raise PoisonMessage("the message names no result")
        if item.get("release") != Release.RELEASED.value or not results.claim_notification(ref):
            return  # not for patients yet, or already sent (a redelivery)
        contact = patients.contact(ref.patient_id)
        if contact is None:
            results.record_notification(ref, "NO_CONTACT")
            metric.add_metric(name="NoContact", unit=MetricUnit.Count, value=1)
            return
        try:
            message_id = send.send(contact, email.results_ready(settings.portal_url, ref.result_id))
        except DeliveryFailed as err:
            results.record_notification(ref, "FAILED")
            log.warning("not sent", extra={"result_id": ref.result_id, "code": err.code})
            metric.add_metric(name="NotSent", unit=MetricUnit.Count, value=1)
            raise
        results.record_notification(ref, "SENT", message_id)
        log.info("sent", extra={"result_id": ref.result_id})
        metric.add_metric(name="Sent", unit=MetricUnit.Count, value=1)

    @metric.log_metrics
    def handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        answer = process_partial_response(event=event, record_handler=notify, processor=processor, context=context)
        return dict(answer)

    return handle


handler = lazy_entry(build)
"""The Lambda entry point (settings from the environment, built on first use)."""
