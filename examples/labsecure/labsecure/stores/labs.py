"""Laboratories and their API keys. A key is stored only as its SHA-256, beside the lab it belongs to."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Sequence

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain import ids
from labsecure.stores._dynamo import from_item, now, to_item


@dataclass(frozen=True)
class Lab:
    """A laboratory that sends results: its id, display name and the sender names its payloads may carry."""

    lab_id: str
    name: str
    sender_ids: tuple[str, ...]

    def sends_as(self, sender: str) -> bool:
        """Whether a payload naming ``sender`` as its lab may come from this lab (case and spaces ignored)."""
        wanted = _fold(sender)
        return wanted == _fold(self.lab_id) or any(wanted == _fold(s) for s in self.sender_ids)


def _fold(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").split()).casefold()


class Labs:
    """The labs table: ``lab#<lab_id>`` items (profiles) and ``key#<sha256>`` items (API keys)."""

    _CACHE_SECONDS = 30.0

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._table = settings.names.labs_table
        self._cache: dict[str, tuple[float, Lab | None]] = {}
        self._lock = threading.Lock()

    def register(self, lab_id: str, name: str, sender_ids: Sequence[str] = ()) -> Lab:
        """Create or replace a lab's profile."""
        lab = Lab(lab_id, name, tuple(sender_ids))
        self._db.put_item(
            TableName=self._table,
            Item=to_item(
                {
                    "pk": f"lab#{lab_id}",
                    "lab_id": lab_id,
                    "name": name,
                    "sender_ids": list(sender_ids),
                    "updated_at": now(),
                }
            ),
        )
        return lab

    def issue_key(self, lab_id: str) -> str:
        """A new API key for a lab; returned once, stored hashed."""
        key, key_id = ids.new_api_key()
        self._db.put_item(
            TableName=self._table,
            Item=to_item(
                {
                    "pk": f"key#{ids.api_key_hash(key)}",
                    "lab_id": lab_id,
                    "key_id": key_id,
                    "state": "active",
                    "created_at": now(),
                }
            ),
            ConditionExpression="attribute_not_exists(pk)",
        )
        return key

    def revoke_key(self, key: str) -> None:
        """Revoke an API key (kept, marked revoked, for the audit trail)."""
        self._db.update_item(
            TableName=self._table,
            Key={"pk": {"S": f"key#{ids.api_key_hash(key)}"}},
            UpdateExpression="SET #s = :r, revoked_at = :t",
            ExpressionAttributeNames={"#s": "state"},
            ExpressionAttributeValues={":r": {"S": "revoked"}, ":t": {"S": now()}},
        )
        with self._lock:
            self._cache.clear()

    def authenticate(self, key: str) -> Lab | None:
        """The lab an active API key belongs to, or ``None``.

        Answers are cached for 30 s per process (a revoked key stops working everywhere within that time).
        """
        if not key.startswith(ids.API_KEY_PREFIX) or len(key) > 200:
            return None
        found = self._cached(f"key#{ids.api_key_hash(key)}")
        return found

    def _cached(self, pk: str) -> Lab | None:
        with self._lock:
            hit = self._cache.get(pk)
        if hit and time.monotonic() - hit[0] < self._CACHE_SECONDS:
            return hit[1]
        lab = self._lookup(pk)
        with self._lock:
            if len(self._cache) >= 1024:  # bounded: unknown keys sent in bulk must not grow it
                self._cache.clear()
            self._cache[pk] = (time.monotonic(), lab)
        return lab

    def _lookup(self, key_pk: str) -> Lab | None:
        got = self._db.get_item(TableName=self._table, Key={"pk": {"S": key_pk}}).get("Item")
        if not got:
            return None
        key_item = from_item(got)
        if key_item.get("state") != "active":
            return None
        return self.get(str(key_item["lab_id"]))

    def get(self, lab_id: str) -> Lab | None:
        """A lab's profile, or ``None``."""
        got = self._db.get_item(TableName=self._table, Key={"pk": {"S": f"lab#{lab_id}"}}).get("Item")
        if not got:
            return None
        item = from_item(got)
        return Lab(str(item["lab_id"]), str(item.get("name", "")), tuple(item.get("sender_ids") or ()))
