"""What may be released to a patient, and so whether a notification is sent.

READY results are released at once; NEEDS_REVIEW results wait for a reviewer (the portal, issue 17, releases
them and then notifies); REJECTED results are never shown to patients.
"""

from __future__ import annotations

from enum import StrEnum

from labsecure.domain.status import Status


class Release(StrEnum):
    """Whether patients may see a result."""

    RELEASED = "RELEASED"
    HELD = "HELD"
    WITHHELD = "WITHHELD"


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
