"""The Python binding's cost against the baselines a Python team would use, measured in one process and run.

For every JSON line of the benchmark payloads (the same 400 generated CBC/CMP/lipid/thyroid payloads the Rust
benchmark uses: ``cargo run -p labcore-benches --example dump_payloads -- target/python/payloads.jsonl``):

- ``orjson.loads(line)``: parsing alone, the baseline;
- ``labcore.process(line, as_of=...)``: read, validate, normalise, convert, flag, derive, check completeness,
  and the result object (headline attributes; the core's answer kept inside, converted on access);
- ``labcore.process(line, ...).to_dict()``: the same with the whole report converted to Python dicts;
- ``Payload.model_validate_json(line)``: pydantic v2 validation of the input's shape alone (types only: no
  units, LOINC, ranges or flags), for context.

Blocks of each alternate round by round (orjson, labcore, labcore+dict, pydantic, orjson, …); the figures are
the medians over rounds, so a slow moment of the machine hits every contender alike. Usage:
``python bench_binding.py target/python/payloads.jsonl [rounds]``.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from typing import Callable, Dict, List, Optional, Union

import orjson
import pydantic

import labcore

AS_OF = "2026-11-25T12:00:00Z"


class Patient(pydantic.BaseModel):
    sex: Optional[str] = None
    birth_date: Optional[str] = None


class Result(pydantic.BaseModel):
    analyte: Optional[str] = None
    loinc: Optional[str] = None
    value: Union[float, str, None] = None
    unit: Optional[str] = None
    reference_range: Union[str, Dict[str, Union[float, str, None]], None] = None
    flag: Optional[str] = None


class Payload(pydantic.BaseModel):
    patient_id: str
    lab_id: Optional[str] = None
    test_type: Optional[str] = None
    collected_at: Optional[str] = None
    patient: Optional[Patient] = None
    results: List[Result]


def pydantic_validate(line: bytes) -> object:
    try:
        return Payload.model_validate_json(line)
    except pydantic.ValidationError as err:  # a messy payload: the failure costs its time too
        return err


def block(call: Callable[[bytes], object], lines: List[bytes], repeat: int) -> float:
    """Seconds per line over `repeat` passes."""
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(repeat):
            for line in lines:
                call(line)
        return (time.perf_counter() - start) / (repeat * len(lines))
    finally:
        gc.enable()


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "target/python/payloads.jsonl"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    lines = [line for line in open(path, "rb").read().split(b"\n") if line]
    contenders: Dict[str, Callable[[bytes], object]] = {
        "orjson.loads": orjson.loads,
        "labcore.process": lambda line: labcore.process(line, as_of=AS_OF),
        "labcore.process+to_dict": lambda line: labcore.process(line, as_of=AS_OF).to_dict(),
        "pydantic validate": pydantic_validate,
    }
    for call in contenders.values():  # warm up
        block(call, lines, 1)
    # About 100 ms per block for orjson, the fastest contender.
    repeat = max(1, int(0.1 / (block(contenders["orjson.loads"], lines, 1) * len(lines))))
    times: Dict[str, List[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, call in contenders.items():
            times[name].append(block(call, lines, repeat))
    base = times["orjson.loads"]
    size = sum(map(len, lines)) / len(lines)
    accepted = sum(labcore.process(line, as_of=AS_OF).accepted for line in lines)
    print(f"{len(lines)} payloads, {size:.0f} bytes per line on average, {accepted} accepted; {rounds} rounds of {repeat} passes")
    print(f"python {sys.version.split()[0]}, labcore {labcore.__version__}, orjson {orjson.__version__}, pydantic {pydantic.__version__}")
    for name, samples in times.items():
        ratio = statistics.median(t / b for t, b in zip(samples, base))
        print(f"{name:<26} {statistics.median(samples) * 1e6:8.2f} us/line   {ratio:5.2f}x orjson.loads")


if __name__ == "__main__":
    main()
