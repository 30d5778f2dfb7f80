"""The reviewer's writes on the results table: decisions, critical-value calls, corrections, resends.

Each is one conditional write (a correction: one transaction), built from the release rules in
``domain.release``, so that two reviewers acting at once, or a reviewer and the release sweeper, cannot both win:
the second gets ``Conflict``.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from botocore.exceptions import ClientError

from labsecure.aws import Clients
from labsecure.config import Settings
from labsecure.domain.messages import ResultRef
from labsecure.domain.processing import Processed
from labsecure.domain.release import Decision, Release, after, on_completion
from labsecure.domain.review import CriticalCall
from labsecure.domain.status import Status
from labsecure.errors import Conflict
from labsecure.stores._dynamo import is_conditional_failure, now, to_item, value

_HELD = "#rel = :held AND #st = :review AND attribute_not_exists(superseded_by)"


def _key(ref: ResultRef) -> dict[str, Any]:
    return {"patient_id": {"S": ref.patient_id}, "result_id": {"S": ref.result_id}}


class Reviews:
    """Writes a reviewer's actions."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._db = aws.dynamodb
        self._table = settings.names.results_table
        self._claims = settings.names.idempotency_table

    def _update(self, **request: Any) -> None:
        try:
            self._db.update_item(TableName=self._table, **request)
        except ClientError as err:
            if is_conditional_failure(err):
                raise Conflict() from err
            raise

    def decide(
        self, ref: ResultRef, decision: Decision, *, by: str, reason: str, supersedes: str | None = None
    ) -> Release:
        """Release or reject a held result, with the reviewer and reason; the new release state. Rejecting a held
        correction (``supersedes``: the version it corrects) makes that version the latest again, in the same
        transaction, so that it can be corrected anew (it never stopped being the one the patient sees)."""
        at, release = now(), after(decision)
        review = {"decision": decision.value, "by": by, "reason": reason, "at": at}
        update: dict[str, Any] = {
            "Key": _key(ref),
            "ConditionExpression": _HELD,
            "UpdateExpression": (
                "SET #rel = :rel, review = :rev, updated_at = :t, released_at = :t, "
                "history = list_append(history, :h) REMOVE review_lab"
            ),
            "ExpressionAttributeNames": {"#rel": "release", "#st": "status"},
            "ExpressionAttributeValues": {
                ":held": value(Release.HELD.value),
                ":review": value(Status.NEEDS_REVIEW.value),
                ":rel": value(release.value),
                ":rev": value(review),
                ":t": value(at),
                ":h": value([{"status": f"review:{decision.value}", "at": at}]),
            },
        }
        if decision is Decision.REJECT and supersedes:
            reinstate = self._reinstate(ref, supersedes, at)
            self._transact([{"Update": {"TableName": self._table, **update}}, {"Update": reinstate}])
        else:
            self._update(**update)
        return release

    def _reinstate(self, correction: ResultRef, version: str, at: str) -> dict[str, Any]:
        """The update that makes ``version`` the latest again once its correction is rejected."""
        return {
            "TableName": self._table,
            "Key": _key(ResultRef(correction.patient_id, version)),
            "ConditionExpression": "superseded_by = :me",
            "UpdateExpression": "SET updated_at = :t REMOVE superseded_by",
            "ExpressionAttributeValues": {":me": value(correction.result_id), ":t": value(at)},
        }

    def _transact(self, items: list[Any]) -> None:
        try:
            self._db.transact_write_items(TransactItems=items)
        except ClientError as err:
            if is_conditional_failure(err):
                raise Conflict() from err
            raise

    def release_by_policy(self, ref: ResultRef) -> None:
        """Release a held result whose lab's hold time has passed (the sweeper)."""
        self.decide(ref, Decision.RELEASE, by="policy", reason="hold time passed without review")

    def record_call(self, ref: ResultRef, call: CriticalCall) -> None:
        """Append a critical-value call to a result that has critical values."""
        self._update(
            Key=_key(ref),
            ConditionExpression="attribute_exists(result_id) AND critical > :zero",
            UpdateExpression=(
                "SET critical_calls = list_append(if_not_exists(critical_calls, :none), :c), updated_at = :t"
            ),
            ExpressionAttributeValues={
                ":zero": value(0),
                ":none": value([]),
                ":c": value([call.to_item()]),
                ":t": value(now()),
            },
        )

    def resend(self, ref: ResultRef) -> None:
        """Let the notification of a released result be sent again (the notify function's claim allows it)."""
        self._update(
            Key=_key(ref),
            ConditionExpression="#rel = :released",
            UpdateExpression="SET notify_status = :s, notify_updated_at = :t",
            ExpressionAttributeNames={"#rel": "release"},
            ExpressionAttributeValues={
                ":released": value(Release.RELEASED.value),
                ":s": value("RESEND"),
                ":t": value(now()),
            },
        )

    def correct(
        self, original: Mapping[str, Any], new_id: str, done: Processed, correction: Mapping[str, str]
    ) -> ResultRef:
        """Write version n + 1 (released or held by the release rules) and mark the original superseded, in one
        transaction."""
        at = now()
        ref = ResultRef(str(original["patient_id"]), new_id)
        claim = {"id": f"result#{new_id}", "patient_id": ref.patient_id, "lab_id": original["lab_id"]}
        item = _version(original, new_id, done, correction, at)
        new = "attribute_not_exists(result_id)"
        transaction: list[Any] = [
            {
                "Put": {
                    "TableName": self._claims,
                    "Item": to_item(claim),
                    "ConditionExpression": "attribute_not_exists(id)",
                }
            },
            {"Put": {"TableName": self._table, "Item": to_item(item), "ConditionExpression": new}},
            {
                "Update": {
                    "TableName": self._table,
                    "Key": _key(ResultRef(ref.patient_id, str(original["result_id"]))),
                    "ConditionExpression": "attribute_exists(result_id) AND attribute_not_exists(superseded_by)",
                    "UpdateExpression": "SET superseded_by = :me, updated_at = :t REMOVE review_lab",
                    "ExpressionAttributeValues": {":me": value(new_id), ":t": value(at)},
                }
            },
        ]
        self._transact(transaction)
        return ref


def _version(
    original: Mapping[str, Any], new_id: str, done: Processed, correction: Mapping[str, str], at: str
) -> dict[str, Any]:
    """The item of a correction: the original's lab, order and critical-value calls, labcore's new outcome, linked
    to the original. Released by the release rules like any result: held (in the review queue) when labcore says
    it needs review."""
    release = on_completion(done.status)
    item: dict[str, Any] = {
        "patient_id": str(original["patient_id"]),
        "result_id": new_id,
        "lab_id": original["lab_id"],
        "status": done.status.value,
        "release": release.value,
        "format": "correction",
        "order_key": original.get("order_key"),
        "received_at": at,
        "updated_at": at,
        "completed_at": at,
        "panel": done.panel or original.get("panel", ""),
        "collected_at": done.collected_at or original.get("collected_at", ""),
        "abnormal": done.abnormal,
        "critical": done.critical,
        "reports": done.reports_json,
        "findings": json.dumps(done.findings, separators=(",", ":")),
        "version": int(original.get("version", 1)) + 1,
        "corrected": True,
        "supersedes": original["result_id"],
        "correction": dict(correction) | {"at": at},
        "history": [{"status": done.status.value, "at": at}],
        # the calls made about the values this version corrects stay with the result (the report shows them)
        "critical_calls": list(original.get("critical_calls") or []) or None,
    }
    if release is Release.RELEASED:
        item["released_at"] = at
    elif release is Release.HELD:
        item["review_lab"] = original["lab_id"]  # the sparse review-queue index, as the worker sets it
    return item
