#!/usr/bin/env bash
# Builds the Worker into worker/build/ with worker-build (release, size-optimized by npm
# binaryen's wasm-opt when it is installed). Used by .ci/dev.sh, .ci/test-worker.sh and
# wrangler's [build] command. Never installs anything: run `make setup` first.
set -euo pipefail
# .ci/dev.sh builds once itself and sets this so that wrangler's [build] step is a no-op.
if [ "${AGORA_WORKER_PREBUILT:-0}" = 1 ]; then
  echo "[worker/build.sh] using the existing build (AGORA_WORKER_PREBUILT=1)"
  exit 0
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
# worker-build ignores PATH for these two (see ../shared/TOOLCHAIN.md).
export WASM_BINDGEN_BIN="${WASM_BINDGEN_BIN:-$HOME/.cargo/bin/wasm-bindgen}"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
cd "$ROOT/worker"
if [ -x "$WASM_OPT" ]; then
  export WASM_OPT_BIN="$WASM_OPT"
  exec worker-build --release
else
  echo "[worker/build.sh] npm binaryen is missing: building without wasm-opt" >&2
  exec worker-build --release --no-opt
fi
