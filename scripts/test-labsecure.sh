#!/usr/bin/env bash
# LabSecure (examples/labsecure/): installs what it needs, skipping what is already there — Debian's poppler-utils
# (pdftoppm, to check the PDF reports) and WeasyPrint's Pango, the labcore wheel (reused from target/wheels when
# scripts/test-python.sh built it, else built here), a venv with the pinned requirements — then runs ruff,
# mypy --strict, the pytest suite against moto's server (with the portal's browser tests in Debian's headless
# Chromium, driven by Playwright, axe-core from npm), the `make pipeline` demo once, and the offline Terraform
# checks (terraform fmt -check when terraform is on PATH; checkov in its own venv).
#   scripts/test-labsecure.sh                  everything above
#   scripts/test-labsecure.sh --pipeline [...]  install, then run the demo (python -m labsecure.local.demo ...)
#   scripts/test-labsecure.sh --bench [...]     install, then run the benchmark (bench/bench_pipeline.py ...)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'test-labsecure: %s\n' "$*" >&2; }
EXAMPLE=examples/labsecure
VENV=target/labsecure/venv
CHECKOV_VENV=target/labsecure/checkov-venv
CHECKOV="checkov==3.3.30"
APT_PACKAGES=(poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)

need_apt() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ] || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing ${missing[*]} (apt)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The wheel scripts/test-python.sh builds (and `make test` runs first); built here only when there is none.
need_wheel() {
  if ! ls target/wheels/labcore-*.whl >/dev/null 2>&1; then
    scripts/setup.sh rust python-binding >&2
    say "building the labcore wheel"
    .venv/bin/maturin build --quiet --manifest-path bindings-python/Cargo.toml --out target/wheels \
      --interpreter .venv/bin/python >&2
  fi
  ls target/wheels/labcore-*.whl | head -n 1
}

need_venv() {
  local wheel=$1 stamp="$VENV/.requirements.sha256"
  [ -x "$VENV/bin/python" ] || { say "creating $VENV"; python3 -m venv "$VENV"; }
  local want
  want=$(sha256sum "$EXAMPLE/requirements.txt" | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing $EXAMPLE/requirements.txt into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$EXAMPLE/requirements.txt"
    echo "$want" >"$stamp"
  fi
  local wheel_sum
  wheel_sum=$(sha256sum "$wheel" | cut -d' ' -f1)
  if [ "$(cat "$VENV/.wheel.sha256" 2>/dev/null)" != "$wheel_sum" ]; then
    say "installing $(basename "$wheel") into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$wheel"
    echo "$wheel_sum" >"$VENV/.wheel.sha256"
  fi
}

# The portal's browser tests: Debian's chromium (scripts/setup.sh browser; never Playwright's own download) and
# axe-core, pinned by examples/labsecure/browser/package-lock.json (npm ci: one package, no install scripts).
need_browser() {
  scripts/setup.sh browser >&2
  local axe="$EXAMPLE/browser/node_modules/axe-core"
  local want
  want=$(sed -n 's/.*"axe-core": "\(.*\)".*/\1/p' "$EXAMPLE/browser/package.json")
  if [ "$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$axe/package.json" 2>/dev/null)" != "$want" ]; then
    command -v npm >/dev/null 2>&1 || { say "npm is needed for axe-core"; exit 1; }
    say "installing axe-core $want (npm ci)"
    (cd "$EXAMPLE/browser" && npm ci --no-audit --no-fund --quiet --ignore-scripts >/dev/null)
  fi
}

need_checkov() {
  local installed
  installed=$("$CHECKOV_VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("checkov"))' 2>/dev/null || true)
  [ "$installed" = "${CHECKOV##*==}" ] && return
  say "installing $CHECKOV into $CHECKOV_VENV (its own venv: it ships its own fork of the hcl2 module)"
  python3 -m venv "$CHECKOV_VENV"
  "$CHECKOV_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$CHECKOV"
}

need_apt
wheel=$(need_wheel)
need_venv "$wheel"
PY="$PWD/$VENV/bin/python"
export PYTHONPATH="$PWD/$EXAMPLE"

case "${1:-}" in
  --pipeline) shift; exec "$PY" -m labsecure.local.demo "$@" ;;
  --bench) shift; exec "$PY" "$EXAMPLE/bench/bench_pipeline.py" "$@" ;;
esac

need_browser
export LABSECURE_BROWSER_REQUIRED=1
cd "$EXAMPLE"
say "ruff and mypy --strict"
"$PY" -m ruff check labsecure tests bench
"$PY" -m ruff format --check labsecure tests bench
"$PY" -m mypy --strict --no-incremental

say "pytest (moto server on 127.0.0.1; the portal in headless Chromium, screenshots in artifacts/labsecure/)"
"$PY" -m pytest -q

say "the pipeline demo, once"
"$PY" -m labsecure.local.demo --once --out ../../target/labsecure/demo-reports >../../target/labsecure/demo.txt
grep -q "READY" ../../target/labsecure/demo.txt && grep -q "^report " ../../target/labsecure/demo.txt \
  && grep -q "^email to " ../../target/labsecure/demo.txt && grep -q "^portal http://127.0.0.1:" ../../target/labsecure/demo.txt \
  && grep -q "^portal health: ok" ../../target/labsecure/demo.txt || { cat ../../target/labsecure/demo.txt; exit 1; }

say "terraform: fmt -check and checkov (offline; never init)"
if command -v terraform >/dev/null 2>&1; then
  terraform fmt -check -recursive terraform
else
  say "terraform is not installed (not on Debian or PyPI): fmt -check skipped; python-hcl2 parsed the files in pytest"
fi
cd ../..
need_checkov
"$CHECKOV_VENV/bin/checkov" --quiet --compact --skip-download --framework terraform \
  --config-file "$EXAMPLE/terraform/.checkov.yaml" -d "$EXAMPLE/terraform"
say "all green"
