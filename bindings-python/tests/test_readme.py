"""The Python examples of the READMEs run as written (each ```python block, in order, in a fresh namespace),
and so does the package docstring's doctest."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import List, Tuple

import pytest

import labcore
from conftest import ROOT

READMES = [ROOT / "README.md", ROOT / "bindings-python" / "README.md"]


def blocks() -> List[Tuple[str, str]]:
    found = []
    for path in READMES:
        for i, code in enumerate(re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)):
            found.append((f"{path.relative_to(ROOT)}#{i}", code))
    return found


def test_there_are_examples() -> None:
    assert len(blocks()) >= 4


@pytest.mark.parametrize("name, code", blocks(), ids=[n for n, _ in blocks()])
def test_readme_example(name: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files relative to the repository
    exec(compile(code, name, "exec"), {"__name__": "readme"})


def test_package_docstring() -> None:
    failures, tried = doctest.testmod(labcore, verbose=False)
    assert tried > 0 and failures == 0
