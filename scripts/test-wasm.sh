#!/usr/bin/env bash
# The WebAssembly package (bindings-wasm/): installs its pinned npm tools (binaryen's wasm-opt, playwright-core,
# TypeScript) and Debian's Chromium when missing, builds the modules (scripts/build-wasm.sh), then runs node --test
# (the conformance corpus, error shapes and conversions in Node; the corpus and the pre-check form in headless
# Chromium) and tsc --strict on a usage file. Needs the Node addon built (scripts/test-node.sh runs first), whose
# outcomes the modules' must equal. `--bench <payloads.jsonl>`: the modules' per-payload time against the addon instead (make bench-wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'test-wasm: %s\n' "$*" >&2; }
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { say "node and npm are needed"; exit 1; }

scripts/setup.sh wasm browser
if [ ! -x bindings-wasm/node_modules/.bin/wasm-opt ] || [ ! -d bindings-wasm/node_modules/playwright-core ]; then
  say "installing the npm tools"
  (cd bindings-wasm && npm ci --no-audit --no-fund --quiet)
fi
if ! ls bindings-node/labcore.*.node >/dev/null 2>&1; then
  say "building the Node addon (the reference the modules are compared with)"
  (cd bindings-node && { [ -x node_modules/.bin/napi ] || npm install --no-audit --no-fund --quiet; } && npx napi build --platform --profile wheel >/dev/null)
fi

scripts/build-wasm.sh
cd bindings-wasm
if [ "${1:-}" = "--bench" ]; then
  exec node bench/wasm_vs_napi.js "${@:2}"
fi
say "node --test"
node --test test/
say "tsc --strict"
npx tsc --strict --noEmit --module nodenext --moduleResolution nodenext --types node test/typed-usage.ts
say "all green"
