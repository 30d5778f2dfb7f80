"""The patients table: the one place a patient identifier (the lab's MRN) and demographics are kept.

Items are keyed by ``lookup``, an HMAC-SHA-256 of the lab and its MRN computed by KMS (the key never leaves
KMS; an MRN is low-entropy, so a plain hash would be reversible by trying them all). Each holds the internal
patient id that every other table uses, and the identifier and demographics as attributes. Everything that
reads or writes them is in this module, so that it can be encrypted field by field later (the AWS Encryption
SDK against the same KMS key) without touching any caller.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import asdict
from typing import Any

from botocore.exceptions import ClientError

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain import ids
from labsecure.domain.identity import Identity
from labsecure.errors import Conflict
from labsecure.stores._dynamo import from_item, is_conditional_failure, now, to_item

_DEMOGRAPHICS = ("family", "given", "birth_date", "sex")


class Patients:
    """Maps (lab, MRN) to an internal patient id; holds the identifier, demographics and contact."""

    _CACHE_SIZE = 10_000

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._kms = aws.kms
        self._table = settings.names.patients_table
        self._index = settings.names.patients_by_id_index
        self._mac_key = settings.names.lookup_key_alias
        self._macs: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def _lookup(self, lab_id: str, mrn: str) -> str:
        message = f"{lab_id}\0{mrn}"
        with self._lock:
            if message in self._macs:
                self._macs.move_to_end(message)
                return self._macs[message]
        mac = self._kms.generate_mac(KeyId=self._mac_key, MacAlgorithm="HMAC_SHA_256", Message=message.encode("utf-8"))[
            "Mac"
        ].hex()
        with self._lock:
            self._macs[message] = mac
            while len(self._macs) > self._CACHE_SIZE:
                self._macs.popitem(last=False)
        return mac

    def pseudonym(self, *parts: str) -> str:
        """A keyed hash (KMS HMAC) of identifying text, e.g. an order's accession number, for matching only."""
        return self._lookup("order", "\0".join(parts))

    def resolve(self, lab_id: str, identity: Identity) -> str:
        """The internal patient id of ``identity`` at ``lab_id``, created on first sight (race-safe)."""
        lookup = self._lookup(lab_id, identity.mrn)
        existing = self._get(lookup)
        if existing is not None:
            self._refresh(lookup, existing, identity)
            return str(existing["patient_id"])
        record: dict[str, Any] = {
            "lookup": lookup,
            "patient_id": ids.new_patient_id(),
            "lab_id": lab_id,
            "created_at": now(),
            **asdict(identity),
        }
        record = {k: v for k, v in record.items() if v != ""}
        try:
            self._db.put_item(
                TableName=self._table, Item=to_item(record), ConditionExpression="attribute_not_exists(lookup)"
            )
        except ClientError as err:
            if not is_conditional_failure(err):
                raise
            raced = self._get(lookup)
            assert raced is not None
            return str(raced["patient_id"])
        return str(record["patient_id"])

    def _refresh(self, lookup: str, existing: dict[str, Any], identity: Identity) -> None:
        """Keep the latest demographics the lab sent (only fields it did send, only when they changed)."""
        changed = {
            f: getattr(identity, f)
            for f in (*_DEMOGRAPHICS, "authority")
            if getattr(identity, f) and getattr(identity, f) != existing.get(f)
        }
        if not changed:
            return
        names = {f"#{f}": f for f in changed}
        values = {f":{f}": {"S": v} for f, v in changed.items()} | {":t": {"S": now()}}
        self._db.update_item(
            TableName=self._table,
            Key={"lookup": {"S": lookup}},
            UpdateExpression="SET " + ", ".join(f"#{f} = :{f}" for f in changed) + ", updated_at = :t",
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )

    def enrol(self, lab_id: str, identity: Identity, email: str) -> str:
        """Record a patient's contact address (as the portal's sign-up does); returns the patient id."""
        patient_id = self.resolve(lab_id, identity)
        self._db.update_item(
            TableName=self._table,
            Key={"lookup": {"S": self._lookup(lab_id, identity.mrn)}},
            UpdateExpression="SET email = :e, updated_at = :t",
            ExpressionAttributeValues={":e": {"S": email}, ":t": {"S": now()}},
        )
        return patient_id

    def _get(self, lookup: str) -> dict[str, Any] | None:
        got = self._db.get_item(TableName=self._table, Key={"lookup": {"S": lookup}}, ConsistentRead=True)
        return from_item(got["Item"]) if "Item" in got else None

    def record(self, patient_id: str) -> dict[str, Any] | None:
        """Everything kept about a patient (identifier, demographics, contact), or ``None``."""
        found = self._item_of(patient_id)
        if found is None:
            return None
        item = from_item(found)
        item.pop("lookup", None)
        return item

    def contact(self, patient_id: str) -> str | None:
        """The patient's email address, if one is known."""
        record = self.record(patient_id)
        email = record.get("email") if record else None
        return str(email) if email else None

    def find(self, lab_id: str, mrn: str) -> dict[str, Any] | None:
        """The record of the patient a lab knows by ``mrn`` (a case worker's look-up), or ``None``."""
        found = self._get(self._lookup(lab_id, mrn))
        if found is None:
            return None
        found.pop("lookup", None)
        return found

    def _item_of(self, patient_id: str) -> dict[str, Any] | None:
        """The raw DynamoDB item of a patient, found through the patient-id index, or ``None``."""
        got = self._db.query(
            TableName=self._table,
            IndexName=self._index,
            KeyConditionExpression="patient_id = :p",
            ExpressionAttributeValues={":p": {"S": patient_id}},
            Limit=1,
        )
        items: list[dict[str, Any]] = got.get("Items") or []
        return items[0] if items else None

    def _key_of(self, patient_id: str) -> dict[str, Any] | None:
        found = self._item_of(patient_id)
        return {"lookup": found["lookup"]} if found else None

    def set_contact(self, patient_id: str, email: str) -> bool:
        """Change a patient's contact address; ``False`` when there is no such patient."""
        key = self._key_of(patient_id)
        if key is None:
            return False
        self._db.update_item(
            TableName=self._table,
            Key=key,
            UpdateExpression="SET email = :e, updated_at = :t",
            ExpressionAttributeValues={":e": {"S": email}, ":t": {"S": now()}},
        )
        return True

    def link_account(self, patient_id: str, sub: str) -> None:
        """Record the portal account (its Cognito ``sub``) that may see this patient's results: one per patient.

        ``LookupError`` for no such patient, ``Conflict`` when another account is linked already."""
        key = self._key_of(patient_id)
        if key is None:
            raise LookupError("no such patient")
        try:
            self._db.update_item(
                TableName=self._table,
                Key=key,
                ConditionExpression="attribute_not_exists(account_sub) OR account_sub = :s",
                UpdateExpression="SET account_sub = :s, updated_at = :t",
                ExpressionAttributeValues={":s": {"S": sub}, ":t": {"S": now()}},
            )
        except ClientError as err:
            if is_conditional_failure(err):
                raise Conflict("the patient has another portal account", code="patient_linked") from None
            raise

    def account_of(self, patient_id: str) -> str | None:
        """The ``sub`` of the portal account linked to the patient, or ``None``."""
        record = self.record(patient_id)
        sub = record.get("account_sub") if record else None
        return str(sub) if sub else None
