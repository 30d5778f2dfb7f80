"""The house style's size limits (/work/shared/STYLE.md: functions ≈ ≤ 40 lines, files ≈ ≤ 400), kept by a test."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
MAX_FUNCTION = 40
MAX_FILE = 400


def test_no_function_is_longer_than_forty_lines() -> None:
    long = []
    for path in sorted((HERE / "labsecure").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION:
                    long.append(f"{path.relative_to(HERE)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_no_file_is_longer_than_four_hundred_lines() -> None:
    files = [*(HERE / "labsecure").rglob("*.py"), *(HERE / "tests").glob("*.py"), *(HERE / "bench").glob("*.py")]
    long = [
        f"{p.relative_to(HERE)} ({n})"
        for p in files
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_FILE
    ]
    assert long == []
