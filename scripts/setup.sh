#!/usr/bin/env bash
# Installs what labcore's commands need, skipping whatever is already there. Usage: scripts/setup.sh <part>...
#   rust  the pinned toolchain (rust-toolchain.toml) with rustfmt, clippy and the wasm32 target
#   fuzz  cargo-fuzz (runs on the stable toolchain with RUSTC_BOOTSTRAP=1, so no nightly is needed)
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

[ $# -gt 0 ] || set -- rust
for part in "$@"; do
  case "$part" in
    rust) need_rust ;;
    fuzz) need_fuzz ;;
    *) say "unknown part: $part"; exit 2 ;;
  esac
done
