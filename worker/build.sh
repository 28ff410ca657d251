#!/usr/bin/env bash
# Builds the Worker into worker/build/ with worker-build (release, size-optimized by npm
# binaryen's wasm-opt when it is installed), after the npm package that its page embeds.
# Used by .ci/dev.sh, .ci/test-worker.sh and wrangler's [build] command. Never installs
# anything: run `make setup` first.
set -euo pipefail
# .ci/dev.sh builds once itself and sets this so that wrangler's [build] step is a no-op.
if [ "${AGORA_WORKER_PREBUILT:-0}" = 1 ]; then
  echo "[worker/build.sh] using the existing build (AGORA_WORKER_PREBUILT=1)"
  exit 0
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
# worker-build ignores PATH for these two (see docs/toolchain.md).
export WASM_BINDGEN_BIN="${WASM_BINDGEN_BIN:-$HOME/.cargo/bin/wasm-bindgen}"
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"

# The inspector page (worker/src/page.rs, embedded by worker/build.rs) serves the npm
# package's browser build: (re)build pkg/ first when it is missing or older than its
# sources. AGORA_PAGE_PKG_DIR points the page at another, already built package instead.
if [ -z "${AGORA_PAGE_PKG_DIR:-}" ]; then
  # pkg/package.json is the last file pkg-template/build.sh writes: the build's stamp.
  STAMP="$ROOT/pkg/package.json"
  if [ ! -f "$STAMP" ] || [ ! -f "$ROOT/pkg/browser.js" ] || [ -n "$(find "$ROOT/src" \
       "$ROOT/pkg-template" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -newer "$STAMP" -print -quit)" ]; then
    echo "[worker/build.sh] building the npm package for the page (pkg-template/build.sh)"
    bash "$ROOT/pkg-template/build.sh"
  fi
fi

# Nothing changed since the last build: keep it (worker-build always re-runs wasm-opt).
OUT="$ROOT/worker/build/index_bg.wasm"
if [ -f "$OUT" ] && [ -f "$ROOT/worker/build/index.js" ] && [ -z "$(find "$ROOT/src" "$ROOT/Cargo.toml" \
     "$ROOT/Cargo.lock" "$ROOT/worker/src" "$ROOT/worker/page" "$ROOT/worker/build.rs" \
     "$ROOT/worker/Cargo.toml" "${AGORA_PAGE_PKG_DIR:-$ROOT/pkg}" "$0" -newer "$OUT" -print -quit)" ]; then
  echo "[worker/build.sh] worker/build/ is up to date"
  exit 0
fi

cd "$ROOT/worker"
if [ -x "$WASM_OPT" ]; then
  export WASM_OPT_BIN="$WASM_OPT"
  exec worker-build --release
else
  echo "[worker/build.sh] npm binaryen is missing: building without wasm-opt" >&2
  exec worker-build --release --no-opt
fi
