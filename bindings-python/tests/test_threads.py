"""Long calls release the GIL, and shared objects (a Redactor, a LabCatalog) give identical answers from many
threads at once."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List

import labcore

AS_OF = "2026-11-25T12:00:00Z"


def big_payload(results: int) -> bytes:
    rows = [{"analyte": "Glucose", "value": 90 + i % 50, "unit": "mg/dL"} for i in range(results)]
    return json.dumps({"patient_id": "P-1", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z", "results": rows}).encode()


def progress_during(call: Any) -> int:
    """How far a pure-Python loop in another thread got while `call` ran in this one. The counter is read just
    before and just after the call, with this thread holding the GIL: a call that kept the GIL lets the loop
    make no progress at all in between."""
    ticks = [0]
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            ticks[0] += 1

    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        before = ticks[0]
        call()
        after = ticks[0]
    finally:
        stop.set()
        spinner.join()
    return after - before


def test_long_calls_release_the_gil() -> None:
    """With a long switch interval, the spinner only advances while this thread has released the GIL."""
    import sys

    payload = big_payload(20_000)
    note = ("Pt seen, K 4.1 mmol/L, called Dr. Okafor at 217-555-0199. " * 5_000).encode()
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.2)
    try:
        assert progress_during(lambda: sum(range(3_000_000))) == 0  # the measure: Python code keeps the GIL
        assert progress_during(lambda: labcore.process(payload, as_of=AS_OF)) > 1000
        assert progress_during(lambda: labcore.redact(note, format="text", as_of=AS_OF)) > 1000
        assert progress_during(lambda: labcore.Redactor().find(note.decode())) > 1000
    finally:
        sys.setswitchinterval(old)


def test_shared_objects_answer_the_same_from_many_threads() -> None:
    redactor = labcore.Redactor(labcore.Policy.safe_harbor().with_operation("name", "pseudonym"), key=b"k" * 32)
    lab = labcore.LabCatalog('[[interval]]\nanalyte = "glucose"\nunit = "mg/dL"\nlow = 60\nhigh = 100\nsource = "lab"\n')
    notes = [f"Pt Maria Gonzalez-{i} (MRN 44{i:05d}) seen 03/1{i % 10}/2026, glucose 1{i % 90:02d} mg/dL" for i in range(200)]
    payloads = [big_payload(1 + i % 7) for i in range(200)]

    def work(i: int) -> Dict[str, Any]:
        return {
            "redacted": redactor.redact(notes[i], as_of=AS_OF).output,
            "outcome": labcore.process(payloads[i], as_of=AS_OF, lab_catalog=lab).to_json(),
        }

    serial: List[Dict[str, Any]] = [work(i) for i in range(200)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            assert list(pool.map(work, range(200))) == serial
