"""Audit records: who did what to which result, lab, key or user, and when — ids and codes, never a value."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Mapping

from labsecure.domain.release import format_time


class Action(StrEnum):
    """Everything the audit trail records."""

    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGNED_OUT = "signed_out"
    RESULT_VIEWED = "result_viewed"
    REPORT_DOWNLOADED = "report_downloaded"
    RESULT_RELEASED = "result_released"
    RESULT_REJECTED = "result_rejected"
    RELEASED_BY_POLICY = "released_by_policy"
    CRITICAL_CALL_RECORDED = "critical_call_recorded"
    CORRECTION_ISSUED = "correction_issued"
    NOTIFICATION_RESENT = "notification_resent"
    CONTACT_UPDATED = "contact_updated"
    CASE_VIEWED = "case_viewed"
    LAB_SAVED = "lab_saved"
    KEY_CREATED = "key_created"
    KEY_ROTATED = "key_rotated"
    KEY_REVOKED = "key_revoked"
    STAFF_CREATED = "staff_created"
    STAFF_DISABLED = "staff_disabled"
    STAFF_ENABLED = "staff_enabled"


SYSTEM = "system"


@dataclass(frozen=True)
class Record:
    """One audit record. ``detail`` holds codes, reasons and names of people told — no result value."""

    action: Action
    actor: str
    actor_name: str
    subject: str
    lab_id: str = ""
    detail: Mapping[str, str] = field(default_factory=dict)
    at: str = ""
    record_id: str = ""

    def to_item(self) -> dict[str, Any]:
        """As stored: ``day`` partitions the trail by date, ``sk`` orders it (time, then a random id)."""
        return {
            "day": self.at[:10],
            "sk": f"{self.at}#{self.record_id}",
            "action": self.action.value,
            "actor": self.actor,
            "actor_name": self.actor_name,
            "subject": self.subject,
            "lab_id": self.lab_id or None,
            "detail": dict(self.detail) or None,
            "at": self.at,
        }


def record(
    action: Action,
    *,
    actor: str,
    actor_name: str,
    subject: str,
    lab_id: str = "",
    detail: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> Record:
    """A new record, stamped now."""
    return Record(
        action=action,
        actor=actor,
        actor_name=actor_name,
        subject=subject,
        lab_id=lab_id,
        detail=dict(detail or {}),
        at=format_time(now or datetime.now(UTC)),
        record_id=uuid.uuid4().hex[:12],
    )
