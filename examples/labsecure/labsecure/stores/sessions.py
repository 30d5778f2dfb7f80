"""The sessions table: the portal's server-side sessions, keyed by the SHA-256 of the session id.

The cookie holds a random 256-bit id; the table holds only its hash (a copy of the table signs no one in), the
session's data and its expiry (``expires_at``, also the table's TTL attribute; the store checks it itself, as TTL
deletion can lag by hours). Signing out deletes the item, so a copied cookie stops working at once; disabling a
staff account revokes all of that user's sessions (``revoke_user``).
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.stores._dynamo import from_item, to_item


def _key(session_id: str) -> dict[str, Any]:
    return {"sid": {"S": hashlib.sha256(session_id.encode("utf-8")).hexdigest()}}


class Sessions:
    """Reads, writes and deletes sessions."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._table = settings.names.sessions_table

    def get(self, session_id: str) -> tuple[dict[str, Any], int] | None:
        """A live session's data and expiry (epoch seconds), or ``None``."""
        got = self._db.get_item(TableName=self._table, Key=_key(session_id), ConsistentRead=True)
        if "Item" not in got:
            return None
        item = from_item(got["Item"])
        expires = int(item.get("expires_at", 0))
        if expires <= time.time():
            return None
        data: dict[str, Any] = json.loads(str(item.get("data") or "{}"))
        return data, expires

    def put(self, session_id: str, data: dict[str, Any], expires_at: int) -> None:
        """Create or replace a session."""
        item = {**{"sid": _key(session_id)["sid"]["S"]}, "data": json.dumps(data), "expires_at": int(expires_at)}
        self._db.put_item(TableName=self._table, Item=to_item(item))

    def delete(self, session_id: str) -> None:
        """End a session."""
        self._db.delete_item(TableName=self._table, Key=_key(session_id))

    # A disabled account's open sessions: one marker per user name (its key hashed like a session id), until the
    # longest-lived ID token it may hold has expired; every signed-in staff request checks it.

    def revoke_user(self, username: str, until: int) -> None:
        """End every session of ``username`` at its next request, until ``until`` (epoch seconds)."""
        self.put(_revoked(username), {"revoked": True}, until)

    def restore_user(self, username: str) -> None:
        """Let ``username``'s new sessions live again (the account was enabled)."""
        self.delete(_revoked(username))

    def user_revoked(self, username: str) -> bool:
        """Whether ``username``'s sessions were revoked."""
        return self.get(_revoked(username)) is not None


def _revoked(username: str) -> str:
    return f"revoked-user\0{username.strip().lower()}"
