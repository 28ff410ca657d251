#!/usr/bin/env bash
# Reliability and security, after test-core, test-js and test-worker have built
# the npm package (pkg/) and the Worker (worker/build/):
#   1. a fresh canary certificate for this run: every Worker suite below uses it, and every
#      response (status, headers, body) and every workerd log line is captured;
#   2. the Worker's native suites (handler, hostile catalogue, Debug redaction);
#   3. the Worker's workerd suites (every route and config; hostile catalogue over raw
#      HTTP/1.1; deflate bombs through /inspect with timings and workerd RSS);
#   4. the hostile catalogue and the bombs against the core and against the npm package;
#   5. load and faults on workerd (SOAK_SECONDS, default 10; 60 for the full run), and the
#      native server's hostile catalogue, bombs, compatibility table and load and faults;
#   6. the canary scan of everything captured: 0 hits.
# The fuzz smoke run of every target (worker_handler included) is `make test-fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
log() { printf '[test-security] %s\n' "$*"; }

CANARY=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
CAPTURE=$(mktemp -d)
LOGS=$(mktemp -d)
trap 'rm -rf "$CAPTURE" "$LOGS"' EXIT

# Runs a test command, shows its figures ([…] lines and results), or all of it on failure.
run() {
  local out="$LOGS/run.log"
  if "$@" >"$out" 2>&1; then
    grep -E '^\[|test result' "$out" || true
  else
    tail -80 "$out"
    log "FAILED: $*"
    exit 1
  fi
}
export AGORA_CANARY_CERT=$CANARY AGORA_CAPTURE_DIR=$CAPTURE
log "a fresh canary certificate for this run; captures in $CAPTURE"

bash worker/build.sh
[ -f pkg/node/agora_token_wasm.js ] || bash pkg-template/build.sh

log "Worker, native: handler suite, hostile catalogue, Debug redaction"
run cargo test -p agora-token-worker --test handler --test hostile -- --nocapture

log "Worker on workerd: route suite, hostile catalogue, bombs"
run cargo test -p agora-token-worker --test workerd --test hostile -- --ignored --nocapture

log "core: hostile catalogue, bombs, Debug redaction"
run cargo test --test hostile -- --nocapture

log "npm package: hostile catalogue and bombs"
node tests/hostile/npm.mjs pkg

log "agora-token-service compatibility table on workerd (canary certificate)"
node worker/tests/js/compat/run.mjs > "$CAPTURE/compat.log" 2>&1 || { tail -40 "$CAPTURE/compat.log"; exit 1; }
tail -1 "$CAPTURE/compat.log"

log "load and faults on workerd (${SOAK_SECONDS:-10} s)"
node worker/tests/js/soak.mjs --duration "${SOAK_SECONDS:-10}"

log "the native server (agora-token-server): hostile catalogue, bombs, compatibility table, load and faults (canary certificate)"
AGORA_SERVER_BIN=$PWD/$(bash .ci/build-server.sh)
export AGORA_SERVER_BIN
run env AGORA_SERVER=native cargo test -p agora-token-worker --test hostile -- --ignored --nocapture
AGORA_SERVER=native node worker/tests/js/compat/run.mjs > "$CAPTURE/compat-native.log" 2>&1 || { tail -40 "$CAPTURE/compat-native.log"; exit 1; }
tail -1 "$CAPTURE/compat-native.log"
AGORA_SERVER=native node worker/tests/js/soak.mjs --duration "${SOAK_SECONDS:-10}"

log "canary scan"
node tests/security/canary-scan.mjs "$CAPTURE" "$CANARY"
