"""The release sweeper (a scheduled Lambda, every few minutes): held results whose lab's hold time has passed.

A laboratory with a hold time (``review_hold_hours``, ``domain.release.ReleasePolicy``) promises that no result
stays hidden longer: each held result completed before the cut-off is released "by policy" (a conditional write,
so a reviewer deciding at the same moment wins or loses cleanly), audited, and its patient notified. A lab
without a hold time is skipped: its held results wait for a reviewer.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from labsecure import aws, config
from labsecure.domain import audit
from labsecure.domain.messages import ResultRef
from labsecure.errors import Conflict
from labsecure.functions.entry import Handler, lazy_entry
from labsecure.observability import logger
from labsecure.stores.audit import Audit
from labsecure.stores.labs import Labs
from labsecure.stores.queues import Queue
from labsecure.stores.results import Results
from labsecure.stores.reviews import Reviews

log = logger("labsecure-release")


def sweep(settings: config.Settings, clients: aws.Clients, now: datetime | None = None) -> list[str]:
    """Release every held result that is due now; the ids released."""
    at = now or datetime.now(UTC)
    results, reviews = Results(settings, clients), Reviews(settings, clients)
    trail, notify = Audit(settings, clients), Queue(clients, settings.names.notify_queue)
    released = []
    for lab in Labs(settings, clients).all():
        cutoff = lab.policy.cutoff(at)
        if cutoff is None:
            continue
        for item in results.review_queue(lab.lab_id, completed_until=cutoff):
            ref = ResultRef(str(item["patient_id"]), str(item["result_id"]))
            try:
                reviews.release_by_policy(ref)
            except Conflict:
                continue  # a reviewer decided meanwhile
            trail.write(
                audit.record(
                    audit.Action.RELEASED_BY_POLICY,
                    actor=audit.SYSTEM,
                    actor_name="release policy",
                    subject=ref.result_id,
                    lab_id=lab.lab_id,
                    detail={"hold_hours": str(lab.review_hold_hours)},
                )
            )
            notify.send(ref)
            released.append(ref.result_id)
    log.info("swept", extra={"released": len(released)})
    return released


def build(settings: config.Settings, clients: aws.Clients) -> Handler:
    """The sweeper's handler for ``settings``."""

    def handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return {"released": len(sweep(settings, clients))}

    return handle


handler = lazy_entry(build)
"""The Lambda entry point (settings from the environment, built on first use)."""
