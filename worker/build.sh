#!/usr/bin/env bash
# Builds the Worker module into worker/build/: index.js (wasm-bindgen's `--target web` glue
# and worker/shim.js, the module's entry) and index_bg.wasm (cargo release build of the
# agora-token-worker crate for wasm32, wasm-bindgen 0.2.130, then npm binaryen's wasm-opt).
# The inspector page is not part of the module: its static assets are built by
# worker/page/build.sh. Used by .ci/dev.sh, the .ci test scripts, the benchmarks and
# wrangler's [build] command. Never installs anything: run `make setup` first.
#
# The build profile is set through the environment and `cargo --config`, so that the
# workspace's [profile.release] (the CLI, the native benchmarks) is left alone, and it uses
# its own target directory (target/worker). What each choice buys is measured in
# docs/performance.md; WORKER_OPT_LEVEL, WORKER_CARGO_ARGS, WORKER_RUSTFLAGS and
# WORKER_WASM_OPT override them (for those measurements).
set -euo pipefail
# .ci/dev.sh builds once itself and sets this so that wrangler's [build] step is a no-op.
if [ "${AGORA_WORKER_PREBUILT:-0}" = 1 ]; then
  echo "[worker/build.sh] using the existing build (AGORA_WORKER_PREBUILT=1)"
  exit 0
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
OUT=${WORKER_OUT:-$ROOT/worker/build}

# Nothing changed since the last build: keep it.
if [ -z "${WORKER_OUT:-}" ] && [ -f "$OUT/index_bg.wasm" ] && [ -f "$OUT/index.js" ] && [ -z "$(find "$ROOT/src" \
     "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$ROOT/worker/src" "$ROOT/worker/Cargo.toml" "$ROOT/worker/shim.js" \
     "$0" -newer "$OUT/index_bg.wasm" -print -quit)" ]; then
  echo "[worker/build.sh] worker/build/ is up to date"
  exit 0
fi

export CARGO_TARGET_DIR="$ROOT/target/worker"
# Size where it costs no speed: the whole crate graph at opt-level "z" except SHA-256 (the
# HMACs of every token) at 3; LTO over one codegen unit; panics abort (there are none by
# design: a panic would be a bug, and unwinding tables are dead weight); wasm-opt -Oz.
# WebAssembly SIMD gives sha2 its SIMD SHA-256 (workerd's V8 has it). Measured with
# benches/worker/bench.mjs (docs/performance.md, docs/auth.md): everything at 3 was 110 KB
# gzipped before caller JWTs; with them (the default `jwt` feature) the module was 111 KB at
# "s" and 106 KB at "z", without them 96 KB at "z" (.wasm + JS; 110 and 100 KB at "z" since
# the core's redesign), at the same workerd CPU per request relative to the JS Worker (a
# token is a small part of a request's cost there).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${WORKER_OPT_LEVEL:-z}
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=${WORKER_RUSTFLAGS-"-Ctarget-feature=+simd128"}
WORKER_CARGO_ARGS=${WORKER_CARGO_ARGS-"--config profile.release.package.sha2.opt-level=3"}
# shellcheck disable=SC2086
cargo build --release --target wasm32-unknown-unknown -p agora-token-worker $WORKER_CARGO_ARGS

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name index \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/agora_token_worker.wasm"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
# A clean output directory: wrangler's --no-bundle uploads every module it finds there.
rm -rf "$OUT"
mkdir -p "$OUT"
if [ -x "$WASM_OPT" ] && [ "${WORKER_WASM_OPT:-}" != none ]; then
  # shellcheck disable=SC2086
  "$WASM_OPT" ${WORKER_WASM_OPT:--Oz --converge} --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$tmp/index_bg.wasm" -o "$OUT/index_bg.wasm"
else
  echo "[worker/build.sh] without wasm-opt (npm binaryen missing, or WORKER_WASM_OPT=none)" >&2
  cp "$tmp/index_bg.wasm" "$OUT/index_bg.wasm"
fi
# One ES module: wasm-bindgen's glue with its exports made local (the module's only export is
# the entry's default), then worker/shim.js; minified by esbuild (no bundling: the .wasm
# import stays a module of its own, as workerd and wrangler expect).
{
  sed -e 's/^export function /function /' -e '/^export {.*};$/d' "$tmp/index.js"
  cat "$ROOT/worker/shim.js"
} > "$tmp/entry.js"
ESBUILD="$ROOT/node_modules/.bin/esbuild"
if [ -x "$ESBUILD" ]; then
  "$ESBUILD" "$tmp/entry.js" --minify --format=esm --target=es2022 --log-level=warning --outfile="$OUT/index.js"
else
  cp "$tmp/entry.js" "$OUT/index.js"
fi
printf '[worker/build.sh] %s: index_bg.wasm %s bytes (%s gzipped -9), index.js %s bytes (%s gzipped)\n' \
  "$OUT" "$(stat -c %s "$OUT/index_bg.wasm")" "$(gzip -9c "$OUT/index_bg.wasm" | wc -c)" \
  "$(stat -c %s "$OUT/index.js")" "$(gzip -9c "$OUT/index.js" | wc -c)"
