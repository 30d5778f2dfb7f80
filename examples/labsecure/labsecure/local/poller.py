"""An SQS event source for a Lambda handler: what Lambda's event source mapping does, on one machine.

It receives batches, hands them to the handler as an SQS event, and deletes the records the handler did not
report in ``batchItemFailures`` (``ReportBatchItemFailures``); the others become visible again and are retried
by SQS, and land in the queue's DLQ after ``maxReceiveCount``.
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from labsecure.aws import Clients
from labsecure.local.context import LocalContext

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]


def sqs_event(messages: list[dict[str, Any]], queue_arn: str) -> dict[str, Any]:
    """The Lambda event for a batch of received SQS messages."""
    return {
        "Records": [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m.get("Body", ""),
                "attributes": m.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": queue_arn.split(":")[3],
            }
            for m in messages
        ]
    }


class Poller:
    """Feeds one queue to one handler until stopped."""

    def __init__(
        self,
        aws: Clients,
        queue_name: str,
        handler: LambdaHandler,
        function_name: str,
        *,
        batch_size: int = 10,
        wait_seconds: int = 1,
    ) -> None:
        self._sqs = aws.sqs
        self._url = aws.sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
        self._arn = aws.sqs.get_queue_attributes(QueueUrl=self._url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        self._handler = handler
        self._name = function_name
        self._batch = batch_size
        self._wait = wait_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"poll-{function_name}", daemon=True)

    def poll_once(self) -> int:
        """Receive one batch, invoke, delete the successes; the number of records handled successfully."""
        got = self._sqs.receive_message(
            QueueUrl=self._url,
            MaxNumberOfMessages=self._batch,
            WaitTimeSeconds=self._wait,
            MessageSystemAttributeNames=["All"],
        )
        messages = [dict(m) for m in got.get("Messages", [])]
        if not messages:
            return 0
        answer = self._handler(sqs_event(messages, self._arn), LocalContext(self._name))
        failed = {f["itemIdentifier"] for f in answer.get("batchItemFailures", [])}
        done = [m for m in messages if m["MessageId"] not in failed]
        for start in range(0, len(done), 10):
            self._sqs.delete_message_batch(
                QueueUrl=self._url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": str(m["ReceiptHandle"])}
                    for i, m in enumerate(done[start : start + 10])
                ],
            )
        return len(done)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:  # an emulated event source keeps polling, as Lambda's does
                self._stop.wait(0.5)

    def start(self) -> Poller:
        """Start polling in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop polling (the current batch finishes)."""
        self._stop.set()
        self._thread.join(timeout=self._wait + 5)
