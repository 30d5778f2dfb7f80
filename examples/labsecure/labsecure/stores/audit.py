"""The audit table: append-only records (``domain.audit``), by day and by subject.

Records are only ever put, with a condition that they are new; the portal's role may ``PutItem`` and ``Query``
this table and nothing else (``terraform/…/iam.tf``), so the trail cannot be edited from the application.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain.audit import Record
from labsecure.stores._dynamo import from_item, to_item


class Audit:
    """Writes and reads the audit trail."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._table = settings.names.audit_table
        self._index = settings.names.audit_by_subject_index

    def write(self, record: Record) -> None:
        """Append one record."""
        self._db.put_item(
            TableName=self._table, Item=to_item(record.to_item()), ConditionExpression="attribute_not_exists(sk)"
        )

    def for_subject(self, subject: str, limit: int = 100) -> list[dict[str, Any]]:
        """The records about one result, lab, key or user, newest first."""
        got = self._db.query(
            TableName=self._table,
            IndexName=self._index,
            KeyConditionExpression="subject = :s",
            ExpressionAttributeValues={":s": {"S": subject}},
            ScanIndexForward=False,
            Limit=limit,
        )
        return [from_item(i) for i in got.get("Items", [])]

    def recent(self, days: int = 7, limit: int = 200, now: datetime | None = None) -> list[dict[str, Any]]:
        """The latest records of the last ``days`` days, newest first."""
        today = (now or datetime.now(UTC)).date()
        found: list[dict[str, Any]] = []
        for back in range(days):
            if len(found) >= limit:
                break
            day = (today - timedelta(days=back)).isoformat()
            got = self._db.query(
                TableName=self._table,
                KeyConditionExpression="#d = :d",
                ExpressionAttributeNames={"#d": "day"},
                ExpressionAttributeValues={":d": {"S": day}},
                ScanIndexForward=False,
                Limit=limit - len(found),
            )
            found.extend(from_item(i) for i in got.get("Items", []))
        return found
