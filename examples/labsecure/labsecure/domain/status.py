"""The result status machine: RECEIVED → PROCESSING → READY | NEEDS_REVIEW | REJECTED, never backwards."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """A result's place in the pipeline."""

    RECEIVED = "RECEIVED"
    PROCESSING = "PROCESSING"
    READY = "READY"
    NEEDS_REVIEW = "NEEDS_REVIEW"
    REJECTED = "REJECTED"


TERMINAL = frozenset({Status.READY, Status.NEEDS_REVIEW, Status.REJECTED})

# Which states a status may be entered from. Entering PROCESSING from PROCESSING is allowed: a redelivered
# message after a worker crash picks the work up again. Nothing leaves a terminal state.
_ENTERED_FROM: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset(),
    Status.PROCESSING: frozenset({Status.RECEIVED, Status.PROCESSING}),
    Status.READY: frozenset({Status.PROCESSING}),
    Status.NEEDS_REVIEW: frozenset({Status.PROCESSING}),
    Status.REJECTED: frozenset({Status.PROCESSING}),
}


def allowed_from(target: Status) -> frozenset[Status]:
    """The states from which ``target`` may be entered (the store turns this into a conditional write)."""
    return _ENTERED_FROM[target]


def can_move(current: Status, target: Status) -> bool:
    """Whether ``current`` may become ``target``."""
    return current in _ENTERED_FROM[target]


def is_terminal(status: Status) -> bool:
    """Whether the worker is done with a result in this state."""
    return status in TERMINAL


def from_outcome(outcome_status: str) -> Status:
    """The terminal status for labcore's overall outcome status (``READY``, ``NEEDS_REVIEW``, ``REJECTED``)."""
    status = Status(outcome_status)
    if status not in TERMINAL:
        raise ValueError("labcore returned a non-terminal status")
    return status
