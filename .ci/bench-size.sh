#!/usr/bin/env bash
# Size of the npm package's .wasm and what it is made of.
#   bash .ci/bench-size.sh [--json]
# Builds the package into target/pkg-bench (pkg-template/build.sh), reports its .wasm raw and
# gzipped (-9), then rebuilds the same cargo output with its names kept (wasm-bindgen
# --keep-debug, wasm-opt -Oz -g) and prints the largest functions and a per-crate breakdown
# (benches/size/wasm_sizes.py; `twiggy top` too when twiggy is installed). With --json the last
# stdout line is {"raw":…, "gzip":…}.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
OUT=target/pkg-bench
PKG_OUT=$OUT bash pkg-template/build.sh >&2
wasm="$OUT/web/agora_token_wasm_bg.wasm"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --out-dir "$tmp" --keep-debug target/npm/wasm32-unknown-unknown/release/agora_token.wasm
wasm-opt -Oz -g --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
  "$tmp/agora_token_bg.wasm" -o "$tmp/named.wasm"
{
  echo "[bench-size] agora_token_wasm_bg.wasm: $raw bytes, $gz bytes gzipped"
  python3 benches/size/wasm_sizes.py "$tmp/named.wasm" 25
  if command -v twiggy >/dev/null 2>&1; then twiggy top -n 20 "$tmp/named.wasm"; fi
} >&2
if [ "${1:-}" = --json ]; then
  echo "{\"raw\": $raw, \"gzip\": $gz}"
else
  echo "agora_token_wasm_bg.wasm: $raw bytes, $gz bytes gzipped"
fi
