"""The results table: partition key the internal patient id, sort key the result id, a GSI by result id.

Status changes are conditional writes built from the state machine (``domain.status``), so a status never
moves backwards and a redelivered message changes nothing that is already done. A finished result is written
in one transaction together with the ``superseded_by`` mark on the version it corrects, so there are no
partial writes. Items hold no identifier: the patient is the internal id, the order reference a keyed hash.
"""

from __future__ import annotations

import json
from typing import Any

from botocore.exceptions import ClientError

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain import status as states
from labsecure.domain.messages import ResultRef
from labsecure.domain.processing import Processed
from labsecure.domain.release import Release, on_completion
from labsecure.domain.status import Status
from labsecure.errors import TransitionRefused
from labsecure.stores._dynamo import from_item, is_conditional_failure, now, to_item, value


def _key(ref: ResultRef) -> dict[str, Any]:
    return {"patient_id": {"S": ref.patient_id}, "result_id": {"S": ref.result_id}}


# What the patient's dashboard and the case worker's page read of each result (no report, no value).
SUMMARY_FIELDS = (
    "result_id",
    "patient_id",
    "lab_id",
    "status",
    "release",
    "panel",
    "collected_at",
    "received_at",
    "completed_at",
    "abnormal",
    "critical",
    "version",
    "corrected",
    "supersedes",
    "superseded_by",
    "notify_status",
    "notify_updated_at",
)


def _allowed(target: Status) -> tuple[str, dict[str, Any]]:
    names = sorted(s.value for s in states.allowed_from(target))
    placeholders = {f":from{i}": {"S": n} for i, n in enumerate(names)}
    return f"#st IN ({', '.join(placeholders)})", placeholders


class Results:
    """Reads and writes result items."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._table = settings.names.results_table
        self._index = settings.names.results_by_id_index
        self._review_index = settings.names.results_review_index
        # Result-id claims live in the idempotency table (permanent items: no ``expiration`` attribute).
        self._claims = settings.names.idempotency_table

    def create_received(self, ref: ResultRef, *, lab_id: str, fmt: str, raw_key: str, order_key: str | None) -> bool:
        """Create the RECEIVED item; ``False`` when it already exists (a resubmission)."""
        at = now()
        item = to_item(
            {
                "patient_id": ref.patient_id,
                "result_id": ref.result_id,
                "lab_id": lab_id,
                "status": Status.RECEIVED.value,
                "format": fmt,
                "raw_key": raw_key,
                "order_key": order_key,
                "received_at": at,
                "updated_at": at,
                "history": [{"status": Status.RECEIVED.value, "at": at}],
            }
        )
        # The claim makes result ids unique across partitions and lets a resubmission find its result with one
        # GetItem. It is written first, as a reservation: a retry after a crash between the two writes finds the
        # claim without its item and writes the item then (``claimed`` + ``get``), so no transaction is needed.
        claim = to_item({"id": f"result#{ref.result_id}", "patient_id": ref.patient_id, "lab_id": lab_id})
        try:
            self._db.put_item(
                TableName=self._claims,
                Item=claim,
                ConditionExpression="attribute_not_exists(id) OR patient_id = :p",
                ExpressionAttributeValues={":p": {"S": ref.patient_id}},
            )
            self._db.put_item(TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(result_id)")
        except ClientError as err:
            if is_conditional_failure(err):
                return False
            raise
        return True

    def claimed(self, result_id: str) -> ResultRef | None:
        """Where an existing result id lives (its claim), or ``None`` for a new one."""
        got = self._db.get_item(TableName=self._claims, Key={"id": {"S": f"result#{result_id}"}}, ConsistentRead=True)
        if "Item" not in got:
            return None
        return ResultRef(patient_id=str(from_item(got["Item"])["patient_id"]), result_id=result_id)

    def get(self, ref: ResultRef) -> dict[str, Any] | None:
        """One result item (strongly consistent), or ``None``."""
        got = self._db.get_item(TableName=self._table, Key=_key(ref), ConsistentRead=True)
        return from_item(got["Item"]) if "Item" in got else None

    def find(self, result_id: str) -> dict[str, Any] | None:
        """A result by its id alone (through the GSI), or ``None``."""
        got = self._db.query(
            TableName=self._table,
            IndexName=self._index,
            KeyConditionExpression="result_id = :r",
            ExpressionAttributeValues={":r": {"S": result_id}},
            Limit=1,
        )
        items = got.get("Items") or []
        return from_item(items[0]) if items else None

    def start_processing(self, ref: ResultRef) -> None:
        """RECEIVED (or PROCESSING, on redelivery) → PROCESSING; ``TransitionRefused`` otherwise."""
        condition, values = _allowed(Status.PROCESSING)
        at = now()
        try:
            self._db.update_item(
                TableName=self._table,
                Key=_key(ref),
                ConditionExpression=f"attribute_exists(result_id) AND {condition}",
                UpdateExpression="SET #st = :s, updated_at = :t, history = list_append(history, :h) ADD attempts :one",
                ExpressionAttributeNames={"#st": "status"},
                ExpressionAttributeValues={
                    **values,
                    ":s": {"S": Status.PROCESSING.value},
                    ":t": {"S": at},
                    ":h": value([{"status": Status.PROCESSING.value, "at": at}]),
                    ":one": {"N": "1"},
                },
            )
        except ClientError as err:
            if is_conditional_failure(err):
                raise TransitionRefused() from err
            raise

    def latest_version(self, patient_id: str, order_key: str, exclude: str) -> dict[str, Any] | None:
        """The newest finished, not yet superseded version of the same order for the same patient."""
        paginator = self._db.get_paginator("query")
        best: dict[str, Any] | None = None
        for page in paginator.paginate(
            TableName=self._table,
            KeyConditionExpression="patient_id = :p",
            FilterExpression="order_key = :o AND attribute_exists(version) AND attribute_not_exists(superseded_by)",
            ExpressionAttributeValues={":p": {"S": patient_id}, ":o": {"S": order_key}},
            ProjectionExpression="result_id, version",
        ):
            for raw in page.get("Items", []):
                item = from_item(raw)
                if item["result_id"] != exclude and (best is None or item["version"] > best["version"]):
                    best = item
        return best

    def complete(self, ref: ResultRef, done: Processed, previous: dict[str, Any] | None) -> None:
        """PROCESSING → the terminal status with the report, in one transaction with the superseded mark."""
        condition, values = _allowed(done.status)
        at = now()
        version = int(previous["version"]) + 1 if previous else 1
        fields = {
            ":s": done.status.value,
            ":rel": on_completion(done.status).value,
            ":t": at,
            ":panel": done.panel,
            ":coll": done.collected_at,
            ":ab": done.abnormal,
            ":cr": done.critical,
            ":rep": done.reports_json,
            ":fnd": json.dumps(done.findings, separators=(",", ":")),
            ":ver": version,
            ":corr": done.corrected,
            ":h": [{"status": done.status.value, "at": at}],
        }
        update = (
            "SET #st = :s, #rel = :rel, updated_at = :t, completed_at = :t, panel = :panel, "
            "collected_at = :coll, abnormal = :ab, critical = :cr, reports = :rep, findings = :fnd, "
            "version = :ver, corrected = :corr, history = list_append(history, :h)"
        )
        if on_completion(done.status) is Release.HELD:
            update += ", review_lab = lab_id"  # the sparse review-queue index (removed when a reviewer decides)
        attribute_values = {**values, **{k: value(v) for k, v in fields.items()}}
        if previous:
            update += ", supersedes = :prev"
            attribute_values[":prev"] = {"S": str(previous["result_id"])}
        items: list[Any] = [
            {
                "Update": {
                    "TableName": self._table,
                    "Key": _key(ref),
                    "UpdateExpression": update,
                    "ConditionExpression": condition,
                    "ExpressionAttributeNames": {"#st": "status", "#rel": "release"},
                    "ExpressionAttributeValues": attribute_values,
                }
            }
        ]
        if previous:
            items.append(
                {
                    "Update": {
                        "TableName": self._table,
                        "Key": _key(ResultRef(ref.patient_id, str(previous["result_id"]))),
                        "UpdateExpression": "SET superseded_by = :me",
                        "ConditionExpression": "attribute_not_exists(superseded_by)",
                        "ExpressionAttributeValues": {":me": {"S": ref.result_id}},
                    }
                }
            )
        try:
            if previous:
                self._db.transact_write_items(TransactItems=items)
            else:  # one item: a conditional update is atomic by itself
                self._db.update_item(**items[0]["Update"])
        except ClientError as err:
            if is_conditional_failure(err):
                raise TransitionRefused() from err
            raise

    def claim_notification(self, ref: ResultRef) -> bool:
        """Mark a notification as being sent; ``False`` if it was already sent (a redelivery)."""
        try:
            self._db.update_item(
                TableName=self._table,
                Key=_key(ref),
                ConditionExpression=(
                    "attribute_exists(result_id) AND (attribute_not_exists(notify_status) OR notify_status <> :sent)"
                ),
                UpdateExpression="SET notify_status = :sending, notify_updated_at = :t ADD notify_attempts :one",
                ExpressionAttributeValues={
                    ":sent": {"S": "SENT"},
                    ":sending": {"S": "SENDING"},
                    ":t": {"S": now()},
                    ":one": {"N": "1"},
                },
            )
        except ClientError as err:
            if is_conditional_failure(err):
                return False
            raise
        return True

    def record_notification(self, ref: ResultRef, state: str, message_id: str | None = None) -> None:
        """Record how a notification went: ``SENT`` (with SES's message id), ``FAILED`` or ``NO_CONTACT``."""
        values: dict[str, Any] = {":s": {"S": state}, ":t": {"S": now()}}
        update = "SET notify_status = :s, notify_updated_at = :t"
        if message_id:
            update += ", notify_message_id = :m"
            values[":m"] = {"S": message_id}
        self._db.update_item(
            TableName=self._table, Key=_key(ref), UpdateExpression=update, ExpressionAttributeValues=values
        )

    def for_patient(self, patient_id: str) -> list[dict[str, Any]]:
        """Every result of one patient, summary fields only, newest collection first."""
        names = {f"#f{i}": f for i, f in enumerate(SUMMARY_FIELDS)}
        pages = self._db.get_paginator("query").paginate(
            TableName=self._table,
            KeyConditionExpression="patient_id = :p",
            ExpressionAttributeValues={":p": {"S": patient_id}},
            ProjectionExpression=", ".join(names),
            ExpressionAttributeNames=names,
        )
        items = [from_item(i) for page in pages for i in page.get("Items", [])]
        return sorted(items, key=lambda i: (str(i.get("collected_at", "")), int(i.get("version", 0))), reverse=True)

    def review_queue(self, lab_id: str, completed_until: str | None = None) -> list[dict[str, Any]]:
        """A lab's held results awaiting review, oldest first (optionally only those completed by a time)."""
        condition = "review_lab = :l"
        values: dict[str, Any] = {":l": {"S": lab_id}}
        if completed_until is not None:
            condition += " AND completed_at <= :u"
            values[":u"] = {"S": completed_until}
        pages = self._db.get_paginator("query").paginate(
            TableName=self._table,
            IndexName=self._review_index,
            KeyConditionExpression=condition,
            ExpressionAttributeValues=values,
        )
        return [from_item(i) for page in pages for i in page.get("Items", [])]
