"""What may be released to a patient, when, and by whom.

- READY results are released at once (and the patient notified).
- NEEDS_REVIEW results are held for a reviewer, who releases or rejects them with a reason. A laboratory may set
  a hold time (``review_hold_hours``): a held result nobody has reviewed by then is released automatically (by the
  release sweeper, ``functions/release.py``), so that no result is hidden indefinitely; with none (the default)
  it stays held until a reviewer decides.
- REJECTED results — by labcore or by a reviewer — are never shown to patients.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Mapping

from labsecure.domain.status import Status


class Release(StrEnum):
    """Whether patients may see a result."""

    RELEASED = "RELEASED"
    HELD = "HELD"
    WITHHELD = "WITHHELD"


class Decision(StrEnum):
    """A reviewer's decision on a held result."""

    RELEASE = "release"
    REJECT = "reject"


@dataclass(frozen=True)
class ReleasePolicy:
    """A laboratory's release rule: how long a result needing review may be held (``None``: until reviewed)."""

    review_hold_hours: float | None = None

    def due(self, completed_at: str) -> datetime | None:
        """When a held result completed at ``completed_at`` is released without review (``None``: never)."""
        if self.review_hold_hours is None:
            return None
        return parse_time(completed_at) + timedelta(hours=self.review_hold_hours)

    def cutoff(self, now: datetime) -> str | None:
        """Held results completed at or before this time are due for release now (``None``: none ever are)."""
        if self.review_hold_hours is None:
            return None
        return format_time(now - timedelta(hours=self.review_hold_hours))


def parse_time(text: str) -> datetime:
    """An RFC 3339 time as the stores write it (``…Z``)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def format_time(at: datetime) -> str:
    """A time as the stores write it (UTC, milliseconds, ``Z``)."""
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def on_completion(status: Status) -> Release:
    """The release state a result gets when the worker finishes it."""
    if status is Status.READY:
        return Release.RELEASED
    if status is Status.NEEDS_REVIEW:
        return Release.HELD
    return Release.WITHHELD


def notify_on_completion(status: Status) -> bool:
    """Whether finishing a result in ``status`` sends the patient a "results ready" notification."""
    return on_completion(status) is Release.RELEASED


def visible_to_patient(item: Mapping[str, Any]) -> bool:
    """Whether a patient may see a stored result: released, and never one that was rejected."""
    return item.get("release") == Release.RELEASED.value and item.get("status") in (
        Status.READY.value,
        Status.NEEDS_REVIEW.value,
    )


def reviewable(item: Mapping[str, Any]) -> bool:
    """Whether a reviewer may release or reject a result: it is held, needs review and is the latest version."""
    return (
        item.get("release") == Release.HELD.value
        and item.get("status") == Status.NEEDS_REVIEW.value
        and not item.get("superseded_by")
    )


def after(decision: Decision) -> Release:
    """The release state a reviewer's decision leads to."""
    return Release.RELEASED if decision is Decision.RELEASE else Release.WITHHELD


def correctable(item: Mapping[str, Any]) -> bool:
    """Whether a reviewer may issue a correction: a finished, latest version that was not rejected."""
    return (
        item.get("status") in (Status.READY.value, Status.NEEDS_REVIEW.value)
        and item.get("release") != Release.WITHHELD.value
        and not item.get("superseded_by")
    )
