"""Notifications: SES failing then recovering (injected twice: throttling in-process, and a rejected sender
at SES itself), duplicates, no contact, the DLQ, and what an email may contain."""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError
from conftest import Pipeline, queue_depth, scan

from labsecure.domain import email
from labsecure.functions import notify


class FlakySES:
    """SES v2 that throttles the first ``failures`` sends, then passes them to the real (moto) client."""

    def __init__(self, real: Any, failures: int, code: str = "TooManyRequestsException") -> None:
        self.real, self.failures, self.code, self.calls = real, failures, code, 0

    def send_email(self, **kwargs: Any) -> Any:
        self.calls += 1
        if self.calls <= self.failures:
            raise ClientError({"Error": {"Code": self.code, "Message": "slow down"}}, "SendEmail")
        return self.real.send_email(**kwargs)


def ready_result(pipe: Pipeline) -> str:
    rid: str = pipe.post(pipe.sample("cmp.json"))[1]["result_id"]
    pipe.process([rid])
    return rid


def test_throttling_is_retried_with_exponential_backoff_then_sent(pipe: Pipeline) -> None:
    rid = ready_result(pipe)
    pauses: list[float] = []
    flaky = FlakySES(pipe.s.clients.sesv2, failures=3)
    settings = pipe.s.settings
    mailer = notify.Mailer(settings, flaky, sleep=pauses.append)  # type: ignore[arg-type]
    pipe.notify = notify.build(settings, pipe.s.clients, mailer=mailer)
    assert pipe.drain_notify() == 1
    assert flaky.calls == 4 and len(pauses) == 3 and len(pipe.moto.sent_emails()) == 1
    (item,) = scan(pipe.s, settings.names.results_table)
    assert item["notify_status"] == "SENT" and item["notify_message_id"] and item["result_id"] == rid


def test_backoff_bounds_double_each_attempt() -> None:
    from labsecure import config

    settings = config.from_env({"LABSECURE_BACKOFF_BASE_SECONDS": "1", "LABSECURE_SEND_ATTEMPTS": "4"})
    pauses: list[float] = []
    always = FlakySES(None, failures=99, code="Throttling")
    mailer = notify.Mailer(settings, always, sleep=pauses.append)  # type: ignore[arg-type]
    try:
        mailer.send("a@example.org", email.results_ready("https://portal", "r"))
    except Exception as err:
        assert getattr(err, "code", "") == "delivery_failed"
    assert always.calls == 4 and len(pauses) == 3
    assert all(0 <= p <= 2**i for i, p in enumerate(pauses))


def test_ses_rejecting_then_recovering_is_retried_by_sqs_and_sent_once(pipe: Pipeline) -> None:
    rid = ready_result(pipe)
    names, ses = pipe.s.settings.names, pipe.s.clients.sesv2
    ses.delete_email_identity(EmailIdentity=pipe.s.settings.sender_email)  # SES now rejects every send
    pipe.drain_notify(rounds=1)
    (item,) = scan(pipe.s, names.results_table)
    assert item["notify_status"] == "FAILED" and pipe.moto.sent_emails() == []
    assert queue_depth(pipe.s, names.notify_queue) == 1  # reported in batchItemFailures: kept for a retry
    ses.create_email_identity(EmailIdentity=pipe.s.settings.sender_email)  # SES recovers
    pipe.drain_notify()
    (item,) = scan(pipe.s, names.results_table)
    assert item["notify_status"] == "SENT" and item["notify_attempts"] == 2 and item["result_id"] == rid
    assert len(pipe.moto.sent_emails()) == 1 and queue_depth(pipe.s, names.notify_queue) == 0


def test_a_failure_that_never_recovers_lands_in_the_notify_dlq(pipe: Pipeline) -> None:
    ready_result(pipe)
    names = pipe.s.settings.names
    pipe.s.clients.sesv2.delete_email_identity(EmailIdentity=pipe.s.settings.sender_email)
    from conftest import wait_for

    wait_for(
        lambda: pipe.drain_notify(rounds=1) == 0 and queue_depth(pipe.s, names.notify_dlq) == 1,
        60,
        "the notification in its DLQ",
    )
    assert queue_depth(pipe.s, names.notify_queue) == 0 and pipe.moto.sent_emails() == []


def test_duplicate_notify_messages_send_one_email(pipe: Pipeline) -> None:
    rid = ready_result(pipe)
    (item,) = scan(pipe.s, pipe.s.settings.names.results_table)
    from labsecure.domain.messages import ResultRef
    from labsecure.stores.queues import Queue

    Queue(pipe.s.clients, pipe.s.settings.names.notify_queue).send(ResultRef(item["patient_id"], rid))
    pipe.drain_notify()
    assert len(pipe.moto.sent_emails()) == 1


def test_no_contact_is_recorded_and_nothing_sent(pipe: Pipeline) -> None:
    data = pipe.sample("cmp.json").replace(b"MRN-00482913", b"MRN-UNENROLLED")
    rid = pipe.post(data)[1]["result_id"]
    pipe.process([rid])
    pipe.drain_notify()
    (item,) = scan(pipe.s, pipe.s.settings.names.results_table)
    assert item["notify_status"] == "NO_CONTACT" and pipe.moto.sent_emails() == []


def test_a_held_result_sends_no_email(pipe: Pipeline) -> None:
    critical = pipe.sample("cmp.json").replace(b'"Potassium", "value": "4,1"', b'"Potassium", "value": "6.9"')
    rid = pipe.post(critical)[1]["result_id"]
    assert pipe.process([rid]) == {rid: "NEEDS_REVIEW"}
    pipe.drain_notify()
    (item,) = scan(pipe.s, pipe.s.settings.names.results_table)
    assert item["release"] == "HELD" and "notify_status" not in item and pipe.moto.sent_emails() == []


def test_the_email_names_no_test_value_or_diagnosis() -> None:
    message = email.results_ready("https://portal.example", "3f0c")
    text = (message.subject + message.text + message.html).lower()
    assert "https://portal.example/results/3f0c" in text
    for word in ("glucose", "potassium", "cbc", "cmp", "lipid", "high", "low", "critical", "mg/dl", "diagnos"):
        assert word not in text
