#!/usr/bin/env bash
# The core must stay pure: no binding, async runtime or cloud SDK anywhere in its dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(pyo3|napi|wasm-bindgen|js-sys|web-sys|tokio|aws-|hyper|reqwest)'
if cargo tree -p labcore --edges all --prefix none --format '{p}' | awk '{print $1}' | grep -E "$forbidden"; then
  echo "check-deps: labcore depends on a forbidden crate (above)" >&2
  exit 1
fi
echo "check-deps: labcore's dependency tree is pure"
