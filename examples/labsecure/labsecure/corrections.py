"""A reviewer's correction: one value of a stored result changed, re-run through labcore, written as version n + 1.

labcore recomputes the flags and derived values from the new value (a correction is never a hand-edited flag);
the demographics it needs come from the patients store and exist only in memory, in the payload it reads.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any, Mapping

import labcore

from labsecure.domain import processing, review
from labsecure.domain.messages import ResultRef
from labsecure.domain.release import correctable
from labsecure.domain.status import Status
from labsecure.errors import Conflict
from labsecure.stores.reviews import Reviews


def recompute(item: Mapping[str, Any], patient: Mapping[str, Any], index: int, value: str) -> processing.Processed:
    """The corrected result as the worker would have written it (``RequestError`` for a bad index or value)."""
    reports: list[dict[str, Any]] = json.loads(str(item.get("reports") or "[]"))
    payload = review.corrected_payload(reports, patient, str(item.get("lab_id", "")), index, value)
    done = processing.summarise(labcore.process(payload, format="labcore").to_dict())
    if done.status is Status.REJECTED:
        raise Conflict("labcore rejects the corrected result", code="correction_rejected")
    marked = review.mark_corrected(json.loads(done.reports_json), index)
    return replace(done, corrected=True, reports_json=json.dumps(marked, separators=(",", ":")))


def correct(
    reviews: Reviews,
    item: Mapping[str, Any],
    patient: Mapping[str, Any],
    index: int,
    value: str,
    *,
    by: str,
    reason: str,
) -> ResultRef:
    """Write the correction of result ``index`` of ``item`` (the latest, not rejected version); the new version."""
    if not correctable(item):
        raise Conflict()
    done = recompute(item, patient, index, value)
    note = {"by": by, "reason": review.clean_text(reason, "reason"), "index": str(index)}
    # A fresh random id (v4, like every result id): a correction has no submission to derive one from.
    return reviews.correct(item, str(uuid.uuid4()), done, note)
