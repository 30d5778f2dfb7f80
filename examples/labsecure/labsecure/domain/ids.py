"""Identifiers: result ids, API keys and their hashes, the key a resubmission is recognised by.

None of them carries PHI: result ids are derived from a hash of the submission (so a retried submission gets the
same id even after the idempotency window), API keys are random and stored only as their SHA-256.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import uuid

_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
API_KEY_PREFIX = "lsk_"


def content_hash(body: bytes) -> str:
    """SHA-256 of the raw bytes, hex."""
    return hashlib.sha256(body).hexdigest()


def valid_idempotency_key(value: str) -> bool:
    """Whether a client's Idempotency-Key is usable (8–128 URL-safe characters)."""
    return bool(_IDEMPOTENCY_KEY.match(value))


def dedup_key(lab_id: str, body: bytes, *, idempotency_key: str | None, control_id: str | None) -> str:
    """What makes two submissions "the same": the client's Idempotency-Key if it sent one, else the HL7
    message control id (MSH-10), else the content hash — always within one laboratory."""
    if idempotency_key:
        return f"{lab_id}|key|{idempotency_key}"
    if control_id:
        return f"{lab_id}|msh10|{control_id}"
    return f"{lab_id}|sha256|{content_hash(body)}"


def result_id(dedup: str) -> str:
    """The result id of a submission: a UUID derived from its dedup key (stable across retries)."""
    digest = hashlib.sha256(b"labsecure-result\0" + dedup.encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def new_patient_id() -> str:
    """A fresh internal patient id (random; means nothing outside LabSecure)."""
    return f"p-{uuid.uuid4()}"


def new_api_key() -> tuple[str, str]:
    """A new API key and its key id: ``(key, key_id)``; the key is shown once and stored only hashed."""
    key_id = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}", key_id


def api_key_hash(key: str) -> str:
    """The stored form of an API key (SHA-256: keys are 256-bit random, so a fast hash is the right one)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
