#!/usr/bin/env bash
# The Node binding (bindings-node/): installs its pinned npm tools (napi-rs CLI, TypeScript) when missing, builds
# the addon (napi build, optimised), fails if the generated index.js / index.d.ts differ from the committed ones,
# then runs node --test (the conformance corpus, error shapes, conversions) and tsc --strict on a usage file.
set -euo pipefail
cd "$(dirname "$0")/../bindings-node"
say() { printf 'test-node: %s\n' "$*" >&2; }
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { say "node and npm are needed"; exit 1; }

# `npm ci` cannot be used for @napi-rs/cli here (its other-platform optional packages are not in the registry).
if [ ! -x node_modules/.bin/napi ] || [ ! -x node_modules/.bin/tsc ]; then
  say "installing the npm tools"
  npm install --no-audit --no-fund --quiet
fi

say "building the addon"
npx napi build --platform --profile wheel >/dev/null
if [ -n "$(git status --porcelain -- index.js index.d.ts)" ]; then
  git --no-pager diff --stat -- index.js index.d.ts >&2 || true
  say "the generated index.js / index.d.ts differ from the committed ones: commit the fresh build"
  exit 1
fi

say "node --test"
node --test test/
say "tsc --strict"
npx tsc --strict --noEmit --types node test/typed-usage.ts
say "all green"
