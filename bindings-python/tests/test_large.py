"""Large inputs: an outcome keeps its input rather than its reports (above 64 KiB) and reads it again on access.
What it answers is the same as for a small input: one result per OBX, the same data through every accessor, and
the garbage collector left as it was found."""

from __future__ import annotations

import gc
import json

import labcore

AS_OF = "2026-11-25T12:00:00Z"
HEADER = (
    "MSH|^~\\&|LIS|NORTHWIND|EHR|CLINIC|20261124080000-0500||ORU^R01^ORU_R01|BIG-1|P|2.5.1\r"
    "PID|1||MRN-00482913^^^NW^MR||DOE^JANE||19840312|F\r"
    "OBR|1|||24323-8^Comprehensive metabolic 2000 panel^LN|||202611240742-0500\r"
)


def message(count: int) -> bytes:
    values = ["4.1", "2.1", "7.0", "see note"]
    obx = "".join(
        f"OBX|{n}|NM|2823-3^Potassium^LN||{values[n % 4]}|mmol/L|3.5-5.1|N|||F\r" for n in range(1, count + 1)
    )
    return (HEADER + obx).encode()


def test_every_obx_is_one_result_and_every_accessor_agrees() -> None:
    data = message(3_000)
    assert len(data) > 64 * 1024
    outcome = labcore.process(data, as_of=AS_OF)
    results = outcome.reports[0]["results"]
    assert len(results) == 3_000
    assert [r["index"] for r in results] == list(range(3_000))
    assert results[-1]["location"] == "OBX[3000]" and results[1]["flag"] == "HH"
    everything = outcome.to_dict()
    assert everything == json.loads(outcome.to_json())
    assert everything["reports"] == outcome.reports
    findings = outcome.findings
    assert findings == outcome.findings and f"findings={len(findings)}" in repr(outcome)
    small = labcore.process(message(10), as_of=AS_OF).to_dict()  # kept, not read again: the same shapes
    assert small.keys() == everything.keys()
    assert small["reports"][0]["results"][0].keys() == results[0].keys()


def test_a_large_input_with_a_lab_catalog_reads_the_same_way() -> None:
    lab = labcore.LabCatalog(
        '[[interval]]\nanalyte = "potassium"\nlow = 3.6\nhigh = 4.0\nunit = "mmol/L"\nsource = "test lab"\n'
    )
    outcome = labcore.process(message(3_000).replace(b"|3.5-5.1|", b"||"), as_of=AS_OF, lab_catalog=lab)
    del lab  # the outcome keeps what it needs
    results = outcome.reports[0]["results"]
    assert results[3]["range"]["origin"] == "lab_catalog" and results[3]["flag"] == "H", results[3]  # 4.1 mmol/L


def test_the_collector_is_left_as_it_was() -> None:
    outcome = labcore.process(message(2_000), as_of=AS_OF)
    assert gc.isenabled()
    outcome.to_dict()
    assert gc.isenabled()
    gc.disable()
    try:
        outcome.to_dict()
        assert not gc.isenabled()
    finally:
        gc.enable()
