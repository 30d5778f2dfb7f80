"""The SQS queues: messages hold ids only (``domain.messages``)."""

from __future__ import annotations

import threading
from typing import Any, Sequence

from labsecure.aws import Clients
from labsecure.domain.messages import ResultRef


class Queue:
    """One SQS queue, by name (its URL is looked up once)."""

    def __init__(self, aws: Clients, name: str) -> None:
        self._sqs = aws.sqs
        self.name = name
        self._url = ""
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        """The queue's URL."""
        with self._lock:
            if not self._url:
                self._url = self._sqs.get_queue_url(QueueName=self.name)["QueueUrl"]
            return self._url

    def send(self, ref: ResultRef) -> None:
        """Send a message naming one result."""
        self._sqs.send_message(QueueUrl=self.url, MessageBody=ref.to_body())

    def receive(self, *, max_messages: int, wait_seconds: int) -> list[dict[str, Any]]:
        """Long-poll for up to ``max_messages`` (1–10) messages, with their receive counts."""
        got = self._sqs.receive_message(
            QueueUrl=self.url,
            MaxNumberOfMessages=max(1, min(10, max_messages)),
            WaitTimeSeconds=wait_seconds,
            MessageSystemAttributeNames=["ApproximateReceiveCount", "SentTimestamp"],
        )
        return [dict(m) for m in got.get("Messages", [])]

    def delete(self, receipt_handle: str) -> None:
        """Delete a message that has been handled."""
        self._sqs.delete_message(QueueUrl=self.url, ReceiptHandle=receipt_handle)

    def extend(self, receipt_handles: Sequence[str], seconds: int) -> None:
        """Extend the visibility of messages still being worked on (batches of ten)."""
        handles = list(receipt_handles)
        for start in range(0, len(handles), 10):
            entries = [
                {"Id": str(i), "ReceiptHandle": h, "VisibilityTimeout": seconds}
                for i, h in enumerate(handles[start : start + 10])
            ]
            self._sqs.change_message_visibility_batch(QueueUrl=self.url, Entries=entries)  # type: ignore[arg-type]

    def release(self, receipt_handle: str) -> None:
        """Make a received message visible again at once (it was not started)."""
        self._sqs.change_message_visibility(QueueUrl=self.url, ReceiptHandle=receipt_handle, VisibilityTimeout=0)
