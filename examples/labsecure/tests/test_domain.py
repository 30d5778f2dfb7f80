"""The pure domain, alone (no AWS): status machine, release, identifiers, formats, messages, report view, errors."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from labsecure import errors
from labsecure.domain import formats, identity, ids, messages, report_view
from labsecure.domain.release import Release, notify_on_completion, on_completion
from labsecure.domain.status import Status, allowed_from, can_move, from_outcome, is_terminal

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ORDER = [Status.RECEIVED, Status.PROCESSING, Status.READY]


def test_status_never_moves_backwards_or_out_of_a_terminal_state() -> None:
    for current in Status:
        for target in Status:
            allowed = can_move(current, target)
            if is_terminal(current):
                assert not allowed, (current, target)
            if target is Status.RECEIVED:
                assert not allowed
    assert can_move(Status.RECEIVED, Status.PROCESSING) and can_move(Status.PROCESSING, Status.PROCESSING)
    assert {s for s in Status if can_move(Status.PROCESSING, s)} == {
        Status.PROCESSING,
        Status.READY,
        Status.NEEDS_REVIEW,
        Status.REJECTED,
    }
    assert allowed_from(Status.READY) == frozenset({Status.PROCESSING})
    with pytest.raises(ValueError):
        from_outcome("RECEIVED")


def test_release_rules() -> None:
    assert on_completion(Status.READY) is Release.RELEASED and notify_on_completion(Status.READY)
    assert on_completion(Status.NEEDS_REVIEW) is Release.HELD and not notify_on_completion(Status.NEEDS_REVIEW)
    assert on_completion(Status.REJECTED) is Release.WITHHELD and not notify_on_completion(Status.REJECTED)


@pytest.mark.parametrize(
    ("sample", "fmt", "control_id", "order"),
    [
        ("cmp.json", "labcore", None, "CMP@2026-11-24T07:42:00-05:00"),
        ("oru-cbc.hl7", "hl7v2", "NW-20261124-0042", "NW-ACC-44120"),
        ("fhir/lipid-bundle.json", "fhir", None, "lip-1"),
    ],
)
def test_identity_is_read_from_each_format(sample: str, fmt: str, control_id: str | None, order: str) -> None:
    envelope = identity.read((SAMPLES / sample).read_bytes(), fmt)
    assert envelope.identity is not None and envelope.identity.mrn == "MRN-00482913"
    assert envelope.control_id == control_id and envelope.order_ref == order
    if fmt != "labcore":
        assert (envelope.identity.family.lower(), envelope.identity.birth_date) == ("doe", "1984-03-12")


def test_hl7_identity_prefers_the_mr_identifier_and_reads_an_email() -> None:
    message = (
        "MSH|^~\\&|A|B|C|D|20261124||ORU^R01|C1|P|2.5.1\r"
        "PID|1||X9^^^SSA^SS~M1^^^LAB^MR||ROE^RAY||19700102|M|||||^NET^Internet^ray@example.org\r"
    )
    envelope = identity.read(message.encode(), "hl7v2")
    assert envelope.identity == identity.Identity(
        mrn="M1", authority="LAB", family="ROE", given="RAY", birth_date="1970-01-02", sex="M", email="ray@example.org"
    )


def test_unreadable_json_has_no_identity() -> None:
    assert identity.read(b"[1, 2]", "labcore") == identity.Envelope(None, None, None)
    assert identity.read(b"{", "fhir").identity is None


def test_dedup_key_precedence_and_stable_result_ids() -> None:
    body = b"payload"
    assert ids.dedup_key("L", body, idempotency_key="k-12345678", control_id="M1") == "L|key|k-12345678"
    assert ids.dedup_key("L", body, idempotency_key=None, control_id="M1") == "L|msh10|M1"
    assert ids.dedup_key("L", body, idempotency_key=None, control_id=None).startswith("L|sha256|")
    assert ids.result_id("x") == ids.result_id("x") != ids.result_id("y")
    assert messages.is_result_id(ids.result_id("x"))
    assert ids.valid_idempotency_key("order-1234") and not ids.valid_idempotency_key("short")
    assert not ids.valid_idempotency_key("has space in it")


def test_api_keys_are_random_and_only_their_hash_is_kept() -> None:
    key, key_id = ids.new_api_key()
    assert key.startswith(f"lsk_{key_id}_") and len(key) > 40 and ids.new_api_key()[0] != key
    assert ids.api_key_hash(key) != key and len(ids.api_key_hash(key)) == 64


def test_formats_from_content_type() -> None:
    assert formats.from_request("application/json; charset=utf-8", b"{}") == "labcore"
    assert formats.from_request("application/fhir+json", b"{}") == "fhir"
    assert formats.from_request("x-application/hl7-v2+er7", b"MSH|") == "hl7v2"
    assert formats.from_request("text/plain", b"\xef\xbb\xbfMSH|^~\\&|") == "hl7v2"
    with pytest.raises(errors.UnsupportedMediaType):
        formats.from_request("text/plain", b"hello")


def test_messages_hold_ids_only_and_anything_else_is_poison() -> None:
    ref = messages.ResultRef("p-00000000-0000-4000-8000-000000000000", ids.result_id("x"))
    assert messages.parse(ref.to_body()) == ref
    assert set(__import__("json").loads(ref.to_body())) == {"v", "patient_id", "result_id"}
    for bad in ("", "[]", '{"v": 2}', '{"v": 1, "patient_id": "MRN-1", "result_id": "x"}'):
        with pytest.raises(errors.PoisonMessage):
            messages.parse(bad)


def test_report_rows_give_flags_in_words_and_symbols() -> None:
    row = report_view.row(
        {
            "display": "Potassium",
            "value": 6.9,
            "significant_digits": 2,
            "unit": "mmol/L",
            "flag": "HH",
            "range": {"low": 3.5, "high": 5.1, "low_inclusive": True},
        }
    )
    assert (row.value, row.flag, row.symbol, row.critical, row.reference) == (
        "6.9",
        "Critical high",
        "▲▲",
        True,
        "3.5–5.1",
    )
    assert report_view.row({"value": 1.0, "significant_digits": 2, "flag": "N"}).value == "1.0"
    assert report_view.range_text({"high": 200, "high_inclusive": True}) == "≤ 200"
    assert report_view.range_text({"low": 40, "low_inclusive": False}) == "> 40"
    assert report_view.value_text({"value": None, "text": "positive"}) == "positive"


def test_error_codes_are_stable_snake_case_and_unique() -> None:
    classes = [c for _, c in inspect.getmembers(errors, inspect.isclass) if issubclass(c, errors.LabsecureError)]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)) and all(re.fullmatch(r"[a-z][a-z0-9_]+", c) for c in codes)
    for cls in classes:
        if issubclass(cls, errors.RequestError):
            assert 400 <= cls.status < 500
    assert errors.InvalidPayload([{"code": "x"}], ack="MSH|").body()["ack"] == "MSH|"
