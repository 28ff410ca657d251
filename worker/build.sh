#!/usr/bin/env bash
# Builds the Worker module into worker/build/ with worker-build, as workers-rs users do:
# index.js (the entry), index_bg.wasm and worker/shim.mjs. It uses the locally installed
# wasm-bindgen (the crate's pinned version), npm esbuild and npm binaryen's wasm-opt, so that
# it downloads nothing. The inspector page is not part of the module: its static assets are
# built by worker/page/build.sh. Used by .ci/dev.sh, the .ci test scripts, the benchmarks and
# wrangler's [build] command. Never installs anything: run `make setup` (or `make
# setup-dev`) first.
#
# The release profile is set through the environment, so that the workspace's
# [profile.release] (the CLI, the native benchmarks) is left alone, and the build has its
# own target directory (target/worker). WORKER_OUT writes elsewhere; WORKER_CRATE builds another
# workers-rs crate the same way (the benchmark's floor Worker, benches/worker/floor-rs).
set -euo pipefail
# .ci/dev.sh builds once itself and sets this so that wrangler's [build] step is a no-op.
if [ "${AGORA_WORKER_PREBUILT:-0}" = 1 ]; then
  echo "[worker/build.sh] using the existing build (AGORA_WORKER_PREBUILT=1)"
  exit 0
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${WORKER_OUT:-$ROOT/worker/build}
CRATE=${WORKER_CRATE:-$ROOT/worker}

# Nothing changed since the last build: keep it.
if [ -f "$OUT/index_bg.wasm" ] && [ -f "$OUT/index.js" ] && [ -z "$(find "$ROOT/src" \
     "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" "$CRATE" "$0" -newer "$OUT/index_bg.wasm" \
     -not -path '*/build/*' -print -quit)" ]; then
  echo "[worker/build.sh] $OUT is up to date"
  exit 0
fi

for tool in "$HOME/.cargo/bin/worker-build" "$HOME/.cargo/bin/wasm-bindgen" \
            "$ROOT/node_modules/.bin/esbuild" "$ROOT/node_modules/.bin/wasm-opt"; do
  [ -x "$tool" ] || { echo "[worker/build.sh] $tool is missing: run make setup" >&2; exit 1; }
done
export WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen"
export ESBUILD_BIN="$ROOT/node_modules/.bin/esbuild"
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export CARGO_TARGET_DIR="$ROOT/target/worker"
[ "$CRATE" = "$ROOT/worker" ] || CARGO_TARGET_DIR="$ROOT/target/$(basename "$CRATE")"
# Speed over size (the module's size is a reported figure under a ceiling, not a target):
# opt-level 3, LTO over one codegen unit, no unwinding (there are no panics by design).
# WebAssembly SIMD gives sha2 its SIMD SHA-256 (workerd's V8 has it). The figures are in the
# table `make bench` writes (docs/performance.md).
export CARGO_PROFILE_RELEASE_OPT_LEVEL=3
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Ctarget-feature=+simd128"

cd "$CRATE"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
worker-build --release --out-dir "$tmp/build"
# A clean output directory: wrangler uploads every module it finds there.
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
mv "$tmp/build" "$OUT"
printf '[worker/build.sh] %s: index_bg.wasm %s bytes (%s gzipped -9), JS %s bytes gzipped\n' \
  "$OUT" "$(stat -c %s "$OUT/index_bg.wasm")" "$(gzip -9c "$OUT/index_bg.wasm" | wc -c)" \
  "$(cat "$OUT/index.js" "$OUT/worker/shim.mjs" 2>/dev/null | gzip -9c | wc -c)"
