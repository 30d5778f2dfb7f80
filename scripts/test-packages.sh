#!/usr/bin/env bash
# Every package built from its own archive, as a user gets it, and what each archive carries:
#   crate   `cargo package -p labcore`: the .crate, which cargo unpacks and builds (its verification step)
#   python  `maturin sdist`; pip builds the wheel from the sdist in a fresh venv, installs it, one call runs
#   node    `npm pack` of bindings-node (the addon scripts/test-node.sh built), installed into an empty project
#   wasm    `npm pack` of bindings-wasm/pkg (the package scripts/test-wasm.sh built), the same
# Each archive (.crate, sdist, wheel, both .tgz) must list LICENSE-MIT, LICENSE-APACHE and NOTICE, identical to
# the repository's, and carry the workspace version (scripts/check-versions.py checks the files stating it).
# `make test` runs this after test-python, test-node and test-wasm and reuses what they built (the addon, pkg/,
# and the wheel's compiled dependencies in target/); whatever is missing is built first. Archives, venv and
# projects go to target/packages/ (rebuilt each run).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
say() { printf 'test-packages: %s\n' "$*" >&2; }
step() { say "[${SECONDS}s] $*"; }
fail() { say "FAILED: $*"; exit 1; }
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || fail "node and npm are needed"

scripts/setup.sh rust python-binding
VERSION=$(python3 scripts/check-versions.py --print)
CHANNEL=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
TARGET=${CARGO_TARGET_DIR:-target}
case "$TARGET" in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
OUT=$ROOT/target/packages
LEGAL=(LICENSE-MIT LICENSE-APACHE NOTICE)
SAMPLE=$ROOT/examples/samples/cmp.json
rm -rf "$OUT"
mkdir -p "$OUT"

members() { # archive → the names of its files, one a line
  case "$1" in
    *.whl) python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$1" ;;
    *) tar -tzf "$1" ;;
  esac
}
member() { # archive, name → the file's bytes
  case "$1" in
    *.whl) python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2" ;;
    *) tar -xzOf "$1" "$2" ;;
  esac
}
# The archive lists the licences and the notice in `dir`, each byte for byte the repository's file.
check_legal() { # archive, dir inside it, [what to do when they differ]
  local listing file
  listing=$(members "$1")
  for file in "${LEGAL[@]}"; do
    grep -qxF "$2/$file" <<<"$listing" || fail "$(basename "$1") has no $2/$file"
    member "$1" "$2/$file" | cmp -s - "$ROOT/$file" || fail "$(basename "$1"): $2/$file differs from the repository's $file${3:+ ($3)}"
  done
  say "$(basename "$1"): ${LEGAL[*]} in $2/ ($(wc -l <<<"$listing") files)"
}
# An empty npm project with the tarball installed (a local file: no registry needed).
npm_project() { # name, tarball
  mkdir -p "$OUT/$1"
  echo '{ "private": true }' >"$OUT/$1/package.json"
  (cd "$OUT/$1" && npm install --no-audit --no-fund --silent "$2")
}

step "crate: cargo package -p labcore (builds the packaged crate)"
dirty=()
# cargo refuses to package uncommitted changes to what it packages (labcore/, and the root files its readme and
# symlinks point to); a clean checkout, as CI's, needs no flag.
packaged=(labcore README.md "${LEGAL[@]}")
if [ -n "$(git status --porcelain -- "${packaged[@]}" 2>/dev/null)" ]; then
  say "uncommitted changes in ${packaged[*]}: packaging the working tree (--allow-dirty)"
  dirty=(--allow-dirty)
fi
cargo package --quiet -p labcore --locked "${dirty[@]}"
crate="$TARGET/package/labcore-$VERSION.crate"
[ -f "$crate" ] || fail "no $crate"
check_legal "$crate" "labcore-$VERSION"

step "python: maturin sdist, then pip builds the wheel from it in a fresh venv"
.venv/bin/maturin sdist --manifest-path bindings-python/Cargo.toml --out "$OUT/python"
sdist="$OUT/python/labcore-$VERSION.tar.gz"
[ -f "$sdist" ] || fail "no $sdist"
check_legal "$sdist" "labcore-$VERSION"
python3 -m venv "$OUT/venv"
# pip builds as it would for a user (build isolation: maturin from PyPI, as pyproject.toml asks), with the pinned
# toolchain and this target dir, so that the dependencies test-python compiled are reused (the crates of the
# sdist itself are compiled again: they live in pip's temporary unpacked copy).
RUSTUP_TOOLCHAIN=$CHANNEL CARGO_TARGET_DIR=$TARGET \
  "$OUT/venv/bin/python" -m pip wheel --quiet --disable-pip-version-check --no-deps "$sdist" -w "$OUT/python"
wheel=$(ls "$OUT/python/labcore-$VERSION"-*.whl)
check_legal "$wheel" "labcore-$VERSION.dist-info/licenses"
"$OUT/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-index "$wheel"
(cd "$OUT" && venv/bin/python - "$VERSION" "$SAMPLE" <<'EOF')
import sys
import labcore
assert labcore.__version__ == sys.argv[1], labcore.__version__
outcome = labcore.process(open(sys.argv[2], "rb").read(), as_of="2026-11-25T12:00:00Z")
assert outcome.format == "labcore" and outcome.accepted, outcome
redacted = labcore.redact("Critical K called to RN Kelly Brown at (217) 555-0199")
assert "Kelly" not in redacted.output and "555-0199" not in redacted.output, redacted.output
print(f"test-packages: the wheel from the sdist: labcore {labcore.__version__}, {outcome.status}, {redacted.output!r}")
EOF

step "node: npm pack of bindings-node into an empty project"
if ! ls bindings-node/labcore.*.node >/dev/null 2>&1; then
  say "building the Node addon (scripts/test-node.sh builds it in make test)"
  (cd bindings-node && { [ -x node_modules/.bin/napi ] || npm install --no-audit --no-fund --quiet; } && npx napi build --platform --profile wheel >/dev/null)
fi
mkdir -p "$OUT/npm"
(cd bindings-node && npm pack --silent --pack-destination "$OUT/npm" >/dev/null)
node_tgz="$OUT/npm/labcore-node-$VERSION.tgz"
[ -f "$node_tgz" ] || fail "no $node_tgz"
check_legal "$node_tgz" package
grep -q '^package/labcore\..*\.node$' <<<"$(members "$node_tgz")" || fail "$(basename "$node_tgz") has no .node addon"
npm_project node-app "$node_tgz"
(cd "$OUT/node-app" && node - "$VERSION" "$SAMPLE" <<'EOF')
const fs = require('node:fs')
const labcore = require('@labcore/node')
const [version, sample] = process.argv.slice(2)
const meta = require('@labcore/node/package.json')
if (meta.version !== version) throw new Error(`@labcore/node is ${meta.version}, expected ${version}`)
const text = fs.readFileSync(sample, 'utf8')
if (labcore.detectFormat(text) !== 'labcore') throw new Error('detectFormat')
const outcome = labcore.process(text, { asOf: new Date('2026-11-25T12:00:00Z') })
if (!outcome.accepted) throw new Error(`not accepted: ${outcome.status}`)
console.log(`test-packages: @labcore/node ${meta.version} from its tarball: ${outcome.status}`)
EOF

step "wasm: npm pack of bindings-wasm/pkg into an empty project"
if [ ! -f bindings-wasm/pkg/package.json ]; then
  say "building the WASM package (scripts/test-wasm.sh builds it in make test)"
  scripts/build-wasm.sh
fi
(cd bindings-wasm/pkg && npm pack --silent --pack-destination "$OUT/npm" >/dev/null)
wasm_tgz="$OUT/npm/labcore-wasm-$VERSION.tgz"
[ -f "$wasm_tgz" ] || fail "no $wasm_tgz"
check_legal "$wasm_tgz" package "bindings-wasm/pkg is older than it: rebuild it with make wasm; make test does"
grep -qx "package/README.md" <<<"$(members "$wasm_tgz")" || fail "$(basename "$wasm_tgz") has no README.md"
for module in web web-full node; do
  grep -qx "package/$module/labcore_wasm_bg.wasm" <<<"$(members "$wasm_tgz")" || fail "$(basename "$wasm_tgz") has no $module module"
done
npm_project wasm-app "$wasm_tgz"
(cd "$OUT/wasm-app" && node --input-type=module - "$VERSION" "$SAMPLE" <<'EOF')
import { readFileSync } from 'node:fs'
import { detectFormat, process as check, redact } from '@labcore/wasm'
const [version, sample] = process.argv.slice(2)
const meta = JSON.parse(readFileSync('node_modules/@labcore/wasm/package.json', 'utf8')) // not in its exports
if (meta.version !== version) throw new Error(`@labcore/wasm is ${meta.version}, expected ${version}`)
const text = readFileSync(sample, 'utf8')
if (detectFormat(text) !== 'labcore') throw new Error('detectFormat')
const outcome = check(text, { asOf: new Date('2026-11-25T12:00:00Z') })
if (!outcome.accepted) throw new Error(`not accepted: ${outcome.status}`)
const redacted = redact('Critical K called to RN Kelly Brown at (217) 555-0199')
if (redacted.output.includes('Kelly')) throw new Error(redacted.output)
console.log(`test-packages: @labcore/wasm ${meta.version} from its tarball: ${outcome.status}, ${JSON.stringify(redacted.output)}`)
EOF

step "all green: $(basename "$crate"), $(basename "$sdist"), $(basename "$wheel"), $(basename "$node_tgz"), $(basename "$wasm_tgz")"
