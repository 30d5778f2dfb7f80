#!/usr/bin/env bash
# Builds the Python wheel (bindings-python/, maturin, release), installs it into a fresh virtual environment and
# runs everything the binding promises there: an import smoke test, the pytest suite (conformance corpus, error
# shapes, pickling, PHI, GIL release, threads, the README's Python examples, the Flask example), mypy --strict on
# a file using the API, and stubtest of the committed stubs against the built module. With --bench: the
# binding's benchmark instead (benches/python/bench_binding.py).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh python-binding

say() { printf 'test-python: %s\n' "$*" >&2; }
WHEELS=target/wheels
VENV=target/python/venv

say "building the wheel"
rm -f "$WHEELS"/labcore-*.whl
.venv/bin/maturin build --quiet --manifest-path bindings-python/Cargo.toml --out "$WHEELS" \
  --interpreter .venv/bin/python
wheel=$(ls "$WHEELS"/labcore-*.whl)

say "installing $(basename "$wheel") into a fresh venv ($VENV)"
rm -rf "$VENV"
python3 -m venv "$VENV"
# The tools come from .venv's pinned versions (pip's cache makes this quick); labcore only from the wheel.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" \
  pytest==9.2.0 mypy==2.4.1 flask==3.1.3 orjson==3.13.0

if [ "${1:-}" = "--bench" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check pydantic==2.14.4
  cargo run --quiet --release -p labcore-benches --example dump_payloads -- target/python/payloads.jsonl
  exec "$VENV/bin/python" benches/python/bench_binding.py target/python/payloads.jsonl
fi

say "smoke test: import and process a sample"
(cd /tmp && "$OLDPWD/$VENV/bin/python" -c '
import labcore, sys
outcome = labcore.process(open(sys.argv[1], "rb").read(), as_of="2026-11-25T12:00:00Z")
assert outcome.format == "labcore" and outcome.reports, outcome
print("labcore", labcore.__version__, "->", outcome)
' "$OLDPWD/examples/samples/cmp.json")

say "pytest"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider bindings-python/tests examples/flask-validate/tests

say "mypy --strict and stubtest"
"$VENV/bin/python" -m mypy --strict --no-incremental bindings-python/tests/typed_usage.py
"$VENV/bin/python" -m mypy.stubtest labcore
say "all green"
