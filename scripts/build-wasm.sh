#!/usr/bin/env bash
# Builds the WebAssembly package into bindings-wasm/pkg/ (what `npm pack` would ship):
#   pkg/web/       the browser module: processing, validation, HL7, FHIR, ACKs; lab catalogs in JSON; no redaction
#   pkg/web-full/  the same with redaction and TOML lab catalogs, for pages that redact
#   pkg/node/      the full module for Node (wasm-bindgen's CommonJS nodejs target, loaded synchronously)
#   pkg/*.js, *.d.ts  the public API (bindings-wasm/js/; types.d.ts is bindings-node's), the same calls as the Node addon
#   pkg/LICENSE-MIT, LICENSE-APACHE, NOTICE  copied from the repository's root
#   pkg/README.md  bindings-wasm/README.md, the package's page on the registry
# Each .wasm is built with std rebuilt for size (RUSTC_BOOTSTRAP, as the fuzz targets use: stable toolchain,
# unstable flags), bound with wasm-bindgen at the Cargo.lock version and shrunk with wasm-opt (npm binaryen).
# Prints the raw and gzipped size of each .wasm.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'build-wasm: %s\n' "$*" >&2; }

scripts/setup.sh wasm
(cd bindings-wasm && { [ -x node_modules/.bin/wasm-opt ] || npm ci --no-audit --no-fund --quiet; })

TARGET_DIR=target/wasm-std
WASM=$TARGET_DIR/wasm32-unknown-unknown/wasm/labcore_wasm.wasm
PKG=bindings-wasm/pkg
# immediate-abort: a panic (there are none on any input) traps without formatting a message, so no panic
# machinery is linked; optimize_for_size: std's smaller sort and formatting code.
RUSTFLAGS_WASM="-Zunstable-options -Cpanic=immediate-abort"

build() { # features → the .wasm
  say "cargo build ($1)"
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="$RUSTFLAGS_WASM" cargo build --quiet -p labcore-wasm --lib \
    --target wasm32-unknown-unknown --profile wasm --target-dir "$TARGET_DIR" \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size "${@:2}"
}

bind() { # wasm-bindgen target, out dir [a bound dir of the same build, whose optimised .wasm can be reused]
  wasm-bindgen "$WASM" --target "$1" --out-dir "$2"
  if [ -n "${3:-}" ] && cmp -s "$2/labcore_wasm_bg.wasm" "$3/labcore_wasm_bg.wasm.unoptimised"; then
    cp "$3/labcore_wasm_bg.wasm" "$2/labcore_wasm_bg.wasm"
  else
    cp "$2/labcore_wasm_bg.wasm" "$2/labcore_wasm_bg.wasm.unoptimised"
    optimise "$2"
  fi
  printf '%s: %s bytes, %s gzipped\n' "$2/labcore_wasm_bg.wasm" "$(stat -c %s "$2/labcore_wasm_bg.wasm")" \
    "$(gzip -9c "$2/labcore_wasm_bg.wasm" | wc -c)"
}

optimise() {
  bindings-wasm/node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers "$1/labcore_wasm_bg.wasm" -o "$1/labcore_wasm_bg.wasm"
}

rm -rf "$PKG"
mkdir -p "$PKG"
build "browser module" --no-default-features
bind web "$PKG/web"
build "full module" --features full
bind web "$PKG/web-full"
bind nodejs "$PKG/node" "$PKG/web-full"
rm -f "$PKG"/*/labcore_wasm_bg.wasm.unoptimised
# The nodejs target is CommonJS; the package around it is an ES module package.
echo '{ "type": "commonjs" }' > "$PKG/node/package.json"
cp bindings-wasm/js/*.js bindings-wasm/js/*.d.ts bindings-wasm/js/package.json "$PKG/"
# The result and option types are the Node addon's, shared.
cp bindings-node/types.d.ts "$PKG/"
# The licences and the notice of the embedded data, from the repository's root (the only copies kept in git).
cp LICENSE-MIT LICENSE-APACHE NOTICE "$PKG/"
cp bindings-wasm/README.md "$PKG/README.md"
say "built $PKG"
