#!/usr/bin/env bash
# The native server, agora-token-server (worker/, feature `server`): the release build, its
# own behaviour (graceful shutdown under load, timeouts, limits, start-up errors, --help, the
# rate limit, the inspector page against the Worker's assets layer), then the suites it shares
# with the Worker, each taking the server to test as a parameter (AGORA_SERVER=native): the
# agora-token-service compatibility table, the caller-JWT suite, the hostile catalogue and
# bombs, and a bounded load run; then the container image around the same binary. The canary scan of the native server is in
# .ci/test-security.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
log() { printf '[test-server] %s\n' "$*"; }

log "release build, static where the musl target is installed (.ci/build-server.sh)"
AGORA_SERVER_BIN=$PWD/$(bash .ci/build-server.sh)
export AGORA_SERVER_BIN
log "binary: $AGORA_SERVER_BIN, $(stat -c %s "$AGORA_SERVER_BIN") bytes"
# The Worker's page assets (and module, for the comparison with its assets layer).
bash worker/build.sh
bash worker/page/build.sh

log "the native server's own behaviour (worker/tests/js/server.test.mjs)"
node --test worker/tests/js/server.test.mjs

export AGORA_SERVER=native
log "agora-token-service compatibility table on the native server"
node worker/tests/js/compat/run.mjs
log "caller JWTs on the native server (jose JWTs, a JWKS on loopback, hostile JWKS servers)"
node --test worker/tests/js/jwt.test.mjs
log "hostile catalogue and bombs on the native server"
cargo test -p agora-token-worker --test hostile -- --ignored --nocapture 2>&1 | grep -E '^\[|test result'
log "bounded load run on the native server (10 s, loopback)"
node worker/tests/js/load.mjs --duration "${LOAD_SECONDS:-10}"
log "the container image (worker/Containerfile) around the same binary"
bash worker/tests/container.sh "$AGORA_SERVER_BIN"
