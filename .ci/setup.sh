#!/usr/bin/env bash
# Idempotent set-up for a fresh machine (Debian 12, Rust via rustup, Node 20).
# Installs what the build and the tests need, and skips whatever is already there
# at the pinned version.
#
#   bash .ci/setup.sh dev    only what serving needs (`make dev`): the wasm32 target, the wasm
#                            tools and the Node packages; no browsers, fuzzers or nightly toolchain
#   bash .ci/setup.sh        everything the tests need (`make test`)
#
# Why each pin is what it is: docs/toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
WORKER_BUILD_VERSION=0.8.7

MODE=${1:-test}

log() { printf '[setup] %s\n' "$*"; }

# Rust: the wasm32 target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

cargo_pin() { # name version binary
  local name=$1 version=$2 bin=$3
  if "$HOME/.cargo/bin/$bin" --version 2>/dev/null | grep -q "$version"; then
    log "$name $version present"
  else
    log "installing $name $version"
    # --locked reproduces the tool's own lockfile; when a locked dependency is no
    # longer served by the registry (yanked), fall back to a fresh resolution.
    # The locked attempt's output is kept aside and shown only if the fallback fails too,
    # so that a successful set-up prints no error lines.
    local locked_log
    locked_log=$(mktemp)
    if ! cargo install "$name" --version "$version" --locked >"$locked_log" 2>&1; then
      log "$name: the locked build failed (a yanked dependency?); resolving afresh"
      cargo install "$name" --version "$version" || { cat "$locked_log" >&2; return 1; }
    fi
    rm -f "$locked_log"
  fi
}

if [ "${SETUP_SKIP_CARGO_TOOLS:-0}" != 1 ]; then
  cargo_pin wasm-bindgen-cli "$WASM_BINDGEN_VERSION" wasm-bindgen
  cargo_pin wasm-pack "$WASM_PACK_VERSION" wasm-pack
  # The Worker: worker/build.sh runs worker-build (the workers-rs build tool) with the
  # wasm-bindgen above and npm esbuild and wasm-opt.
  cargo_pin worker-build "$WORKER_BUILD_VERSION" worker-build
fi

# Node dev dependencies (official reference packages, workerd, wrangler, playwright-core,
# binaryen). `npm ci` only when the lockfile is newer than the installed tree.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  touch node_modules/.package-lock.json
fi

if [ "$MODE" = dev ]; then
  log "done (serving set-up)"
  exit 0
fi

# ---- everything below is for the tests only -------------------------------------------
# Debian packages: headless Chromium and its driver for browser tests.
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
# The native server's static (musl) build and its container image (.ci/test-server.sh).
command -v musl-gcc >/dev/null 2>&1 || need_apt+=(musl-tools)
command -v podman >/dev/null 2>&1 || need_apt+=(podman)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if ! rustup target list --installed | grep -qx x86_64-unknown-linux-musl; then
  log "adding x86_64-unknown-linux-musl (the native server's static build)"
  rustup target add x86_64-unknown-linux-musl
fi

# Test-only Node tools (tests/tools/package.json): TypeScript, attw, publint, jose, Deno, Bun
# and the bundlers. Not needed to serve, so `make dev` skips them.
if [ ! -f tests/tools/node_modules/.package-lock.json ] \
   || [ tests/tools/package-lock.json -nt tests/tools/node_modules/.package-lock.json ]; then
  log "npm install (tests/tools, the locked versions)"
  # `npm install` installs the locked versions and goes on when the registry does not serve
  # an optional dependency of another platform (vite's Windows-only
  # napi-windows-process-start-time, which this registry has not always served).
  (cd tests/tools && npm install --no-audit --no-fund)
  touch tests/tools/node_modules/.package-lock.json
fi

# Python reference package (006 differential tests).
if ! pip show -q agora-token-builder >/dev/null 2>&1; then
  log "pip install -r tests/reference/requirements.txt"
  pip install -q -r tests/reference/requirements.txt
fi

# Python package (python/): maturin builds the wheel; pytest, the two reference packages
# (agora-token-builder, agoraiotools) and Flask are test-only (python/tests/requirements.txt).
# pip runs only when a pin is missing or at another version.
if ! python3 - python/tests/requirements.txt <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
pins = [l.split("#")[0].strip() for l in open(sys.argv[1])]
def have(name, want):
    try:
        return version(name) == want
    except PackageNotFoundError:
        return False
sys.exit(0 if all(have(*p.split("==")) for p in pins if p) else 1)
PY
then
  log "pip install -r python/tests/requirements.txt"
  python3 -m pip install -q -r python/tests/requirements.txt
fi

# ---- fuzzing: cargo-fuzz on the nightly toolchain -------------------------------------
CARGO_FUZZ_VERSION=0.13.2
if ! rustup toolchain list | grep -q '^nightly'; then
  log "installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal
fi
if [ "${SETUP_SKIP_CARGO_TOOLS:-0}" != 1 ]; then
  cargo_pin cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz
fi


# ---- npm package: headless Firefox for the wasm-bindgen-test suite ----------------
# Debian's firefox-esr and geckodriver from crates.io (pinned). .ci/test-js.sh runs the
# Firefox pass only when both are present, so a failure here only skips that pass.
GECKODRIVER_VERSION=0.37.1
if ! command -v firefox-esr >/dev/null 2>&1; then
  log "apt-get install firefox-esr"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends firefox-esr; } \
    || log "firefox-esr could not be installed; the Firefox pass will be skipped"
fi
if [ "${SETUP_SKIP_CARGO_TOOLS:-0}" != 1 ] \
   && ! "$HOME/.cargo/bin/geckodriver" --version 2>/dev/null | grep -q "$GECKODRIVER_VERSION"; then
  log "installing geckodriver $GECKODRIVER_VERSION"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked \
    || cargo install geckodriver --version "$GECKODRIVER_VERSION" \
    || log "geckodriver could not be installed; the Firefox pass will be skipped"
fi
# ---- end npm package ----------------------------------------------------------------------

log "done"
