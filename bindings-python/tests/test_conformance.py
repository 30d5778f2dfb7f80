"""The language-neutral conformance corpus (`conformance/`), run through the Python binding: every case gives
the answer its `expect` says (the case format is described in `conformance/README.md`; the Rust core runs the
same files in `labcore/tests/conformance.rs`), and every published sample gives its pinned outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import labcore
from conftest import CONFORMANCE, PLANTED_ID, case_input, case_options, case_paths, load

CASES = case_paths("cases", "hl7/cases", "fhir/cases")


def test_the_corpus_is_all_there() -> None:
    assert len(case_paths("cases")) >= 40
    assert len(case_paths("hl7/cases", "fhir/cases")) >= 20


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.parent.name}/{p.stem}" for p in CASES])
def test_case(path: Path) -> None:
    case = load(path)
    expect = case["expect"]
    options = case_options(case)
    try:
        outcome = labcore.process(case_input(case), format=case.get("format"), **options)
    except labcore.InputError as err:
        assert PLANTED_ID not in str(err) + repr(err)
        assert expect.get("error") == err.code, f"unexpected error {err.code}"
        return
    assert "error" not in expect, f"expected error {expect.get('error')}, got a report"
    check_outcome(case, outcome, expect, options)


def check_outcome(case: Dict[str, Any], outcome: labcore.Outcome, expect: Dict[str, Any], options: Dict[str, Any]) -> None:
    whole = outcome.to_dict()
    reports: List[Dict[str, Any]] = whole["reports"]
    findings = list(whole["findings"]) + [f for r in reports for f in r["findings"]]
    assert sorted(map(json.dumps, findings)) == sorted(map(json.dumps, outcome.findings))
    acks = case_acks(case, outcome, options)
    for rendered in [json.dumps(f) for f in findings] + acks:
        assert PLANTED_ID not in rendered, "the patient id leaks"
    if "accepted" in expect:
        assert outcome.accepted == expect["accepted"], findings
    if "report_count" in expect:
        assert len(reports) == expect["report_count"]
    if isinstance(expect.get("reports"), list):
        assert len(reports) == len(expect["reports"])
        for got, want in zip(reports, expect["reports"]):
            check_report(got, want)
            if "findings" in want:
                check_findings(got["findings"], want["findings"], want)
    else:
        first = reports[0] if reports else {"findings": [], "results": [], "derived": []}
        check_report(first, expect)
    if "findings" in expect:
        check_findings(findings, expect["findings"], expect)
    if "ack_codes" in expect:
        assert outcome.format == "hl7v2", "ack_codes expected of a non-HL7 input"
        assert (outcome.ack_codes or ["AR"]) == expect["ack_codes"]
    if isinstance(expect.get("acks"), list):
        wanted = ["".join(f"{s}\r" for s in a) if isinstance(a, list) else a for a in expect["acks"]]
        assert acks == wanted


def case_acks(case: Dict[str, Any], outcome: labcore.Outcome, options: Dict[str, Any]) -> List[str]:
    if outcome.format != "hl7v2":
        return []
    ack = case.get("context", {}).get("ack", {})
    return labcore.ack(
        case_input(case),
        control_id=ack.get("control_id", "ACK-1"),
        timestamp=ack.get("timestamp", options["as_of"]),
        include_info=ack.get("include_info", False),
        **options,
    )


def check_report(report: Dict[str, Any], expect: Dict[str, Any]) -> None:
    tolerance = expect.get("tolerance", 1e-9)
    for wanted in expect.get("results", []):
        got = next((r for r in report["results"] if r["index"] == wanted["index"]), None)
        assert got is not None, f"no result with index {wanted['index']}"
        subset(wanted, got, tolerance, f"result {wanted['index']}")
    for key in ("status", "panel", "lab_id", "collected_at"):
        if key in expect:
            assert report.get(key) == expect[key], f"{key}; findings {report['findings']}"
    if "status_reasons" in expect:
        assert sorted(report["status_reasons"]) == sorted(expect["status_reasons"])
    for wanted in expect.get("derived", []):
        got = next((d for d in report["derived"] if d["method"] == wanted["method"]), None)
        assert got is not None, f"no derived value by {wanted['method']}"
        subset(wanted, got, tolerance, f"derived {wanted['method']}")
    if "completeness" in expect:
        subset(expect["completeness"], report["completeness"], tolerance, "completeness")


def check_findings(findings: List[Dict[str, Any]], wanted: Any, expect: Dict[str, Any]) -> None:
    """Exactly the expected multiset (by code, and path, location and severity where given), minus `ignore`."""
    if not isinstance(wanted, list):
        return
    ignore = set(expect.get("ignore", []))
    left = [f for f in findings if f["code"] not in ignore]
    missing = []
    for want in wanted:
        match = next((f for f in left if all(f.get(k) == want[k] for k in ("code", "path", "location", "severity") if k in want)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    assert not missing and not left, f"missing {missing}, unexpected {left}"


def subset(wanted: Any, got: Any, tolerance: float, where: str) -> None:
    """Every key of `wanted` matches in `got`, recursively; numbers within `tolerance` (booleans exactly)."""
    if isinstance(wanted, dict):
        assert isinstance(got, dict), f"{where}: {got!r} is not an object"
        for key, value in wanted.items():
            subset(value, got.get(key), tolerance, f"{where}.{key}")
    elif isinstance(wanted, list) and isinstance(got, list) and len(wanted) == len(got):
        for i, (w, g) in enumerate(zip(wanted, got)):
            subset(w, g, tolerance, f"{where}[{i}]")
    elif is_number(wanted) and is_number(got):
        assert abs(wanted - got) <= max(tolerance, 1e-9 * abs(wanted)), f"{where}: {got} is not {wanted}"
    else:
        assert type(wanted) is type(got) and wanted == got, f"{where}: {got!r} is not {wanted!r}"


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


SAMPLES = sorted(p for d in ("hl7/samples", "fhir/samples") for p in (CONFORMANCE / d).iterdir() if p.is_file())


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_published_sample_gives_its_pinned_outcome(path: Path) -> None:
    pinned = load(CONFORMANCE / "samples.json")[path.name]
    outcome = labcore.process(path.read_bytes(), as_of="2026-11-25T12:00:00Z")
    summary = {
        "format": outcome.format,
        "accepted": outcome.accepted,
        "ack_codes": outcome.ack_codes if outcome.format == "hl7v2" else None,
        "reports": [
            {"status": r["status"], "panel": r["panel"], "results": len(r["results"]), "status_reasons": r["status_reasons"]}
            for r in outcome.reports
        ],
    }
    assert summary == pinned
