"""Shared paths and helpers of the binding's tests."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE = ROOT / "conformance"
DEFAULT_AS_OF = "2026-11-25T12:00:00Z"
#: The patient identifier every conformance case uses: it must appear in no error, finding or ACK.
PLANTED_ID = "MRN-7741-SECRET"


def case_paths(*dirs: str) -> List[Path]:
    """Every case file under the given conformance folders, in name order."""
    return sorted(p for d in dirs for p in (CONFORMANCE / d).glob("*.json"))


def case_input(case: Dict[str, Any]) -> bytes:
    """A case's input bytes, read as the conformance README says."""
    text = case.get("input_text")
    if isinstance(text, str):
        return text.encode()
    if isinstance(text, list):
        return "".join(f"{line}\r" for line in text).encode()
    if isinstance(case.get("input_base64"), str):
        return base64.b64decode(case["input_base64"])
    return json.dumps(case["input"]).encode()


def case_options(case: Dict[str, Any]) -> Dict[str, Any]:
    """The keyword arguments of `labcore.process` for a case's `context`."""
    import labcore

    context = case.get("context", {})
    options: Dict[str, Any] = {
        "as_of": context.get("as_of", DEFAULT_AS_OF),
        "unit_system": context.get("unit_system", "conventional"),
        "priors": context.get("priors"),
    }
    if "lab_catalog" in context:
        options["lab_catalog"] = labcore.LabCatalog(context["lab_catalog"], name="case")
    return options


@pytest.fixture
def sample_payload() -> Dict[str, Any]:
    """A small CMP payload with a planted name-like identifier and a critical potassium."""
    return {
        "patient_id": "MRN-7741-SECRET",
        "lab_id": "LAB-01",
        "test_type": "CMP",
        "collected_at": "2026-11-24T08:00:00Z",
        "results": [{"analyte": "Potassium", "value": 6.8, "unit": "mmol/L"}],
    }


def load(path: Path) -> Dict[str, Any]:
    """A JSON file."""
    value: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


def optional(mapping: Dict[str, Any], key: str) -> Optional[Any]:
    """`mapping[key]`, or None."""
    return mapping.get(key)
