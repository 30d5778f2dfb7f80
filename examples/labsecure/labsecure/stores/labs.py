"""Laboratories and their API keys. A key is stored only as its SHA-256, beside the lab it belongs to."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any, Sequence

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain import ids
from labsecure.domain.release import ReleasePolicy
from labsecure.stores._dynamo import from_item, now, to_item


@dataclass(frozen=True)
class Lab:
    """A laboratory that sends results: its id, display name and the sender names its payloads may carry."""

    lab_id: str
    name: str
    sender_ids: tuple[str, ...]
    review_hold_hours: float | None = None

    @property
    def policy(self) -> ReleasePolicy:
        """The lab's release rule (``domain.release``)."""
        return ReleasePolicy(self.review_hold_hours)

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
        self._index = settings.names.labs_by_lab_index
        self._cache: dict[str, tuple[float, Lab | None]] = {}
        self._lock = threading.Lock()

    def register(
        self, lab_id: str, name: str, sender_ids: Sequence[str] = (), review_hold_hours: float | None = None
    ) -> Lab:
        """Create or replace a lab's profile (and its release rule: ``None`` holds results until reviewed)."""
        lab = Lab(lab_id, name, tuple(sender_ids), review_hold_hours)
        self._db.put_item(
            TableName=self._table,
            Item=to_item(
                {
                    "pk": f"lab#{lab_id}",
                    "lab_id": lab_id,
                    "name": name,
                    "sender_ids": list(sender_ids),
                    "review_hold_hours": review_hold_hours,
                    "kind": "lab",
                    "updated_at": now(),
                }
            ),
        )
        with self._lock:
            self._cache.clear()
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
                    "kind": "key",
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
        return _lab(from_item(got))

    def _by_lab(self, lab_id: str) -> list[dict[str, Any]]:
        pages = self._db.get_paginator("query").paginate(
            TableName=self._table,
            IndexName=self._index,
            KeyConditionExpression="lab_id = :l",
            ExpressionAttributeValues={":l": {"S": lab_id}},
        )
        return [from_item(i) for page in pages for i in page.get("Items", [])]

    def all(self) -> list[Lab]:
        """Every laboratory (a small table: a scan of the profiles)."""
        pages = self._db.get_paginator("scan").paginate(
            TableName=self._table,
            FilterExpression="begins_with(pk, :p)",
            ExpressionAttributeValues={":p": {"S": "lab#"}},
        )
        labs = [_lab(from_item(i)) for page in pages for i in page.get("Items", [])]
        return sorted(labs, key=lambda lab: lab.lab_id)

    def keys(self, lab_id: str) -> list[dict[str, Any]]:
        """A lab's API keys: ``key_id``, ``state``, ``created_at``, ``revoked_at`` (never the key or its hash)."""
        fields = ("key_id", "state", "created_at", "revoked_at")
        keys = [{f: i[f] for f in fields if f in i} for i in self._by_lab(lab_id) if str(i["pk"]).startswith("key#")]
        return sorted(keys, key=lambda k: str(k.get("created_at", "")))

    def revoke_key_id(self, lab_id: str, key_id: str) -> bool:
        """Revoke a lab's key by its id (all an Admin ever sees of it); ``False`` if the lab has no such key."""
        for item in self._by_lab(lab_id):
            if str(item["pk"]).startswith("key#") and item.get("key_id") == key_id:
                self._db.update_item(
                    TableName=self._table,
                    Key={"pk": {"S": str(item["pk"])}},
                    UpdateExpression="SET #s = :r, revoked_at = :t",
                    ExpressionAttributeNames={"#s": "state"},
                    ExpressionAttributeValues={":r": {"S": "revoked"}, ":t": {"S": now()}},
                )
                with self._lock:
                    self._cache.clear()
                return True
        return False

    def rotate(self, lab_id: str, key_id: str) -> str | None:
        """A new key for the lab, then the old one revoked; the new key (shown once), or ``None``."""
        if not any(k.get("key_id") == key_id and k.get("state") == "active" for k in self.keys(lab_id)):
            return None
        key = self.issue_key(lab_id)
        self.revoke_key_id(lab_id, key_id)
        return key


def _lab(item: dict[str, Any]) -> Lab:
    hold = item.get("review_hold_hours")
    return Lab(
        str(item["lab_id"]),
        str(item.get("name", "")),
        tuple(item.get("sender_ids") or ()),
        float(hold) if hold is not None else None,
    )
