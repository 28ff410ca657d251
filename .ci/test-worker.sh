#!/usr/bin/env bash
# The Worker (worker/): clippy on the wasm32 adapter, the release build with worker-build,
# the end-to-end tests on local workerd (several server configurations, every route and
# error case, every token decoded and verified with the core), and a 10-s bounded load run.
# The native tests of the pure handler run with the workspace in .ci/test-core.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[test-worker] %s\n' "$*"; }

log "clippy (wasm32: the workers-rs adapter)"
cargo clippy -p agora-token-worker --target wasm32-unknown-unknown -- -D warnings

log "build (worker-build)"
bash worker/build.sh
ls -l worker/build/index_bg.wasm
printf '[test-worker] wasm gzipped: %s bytes\n' "$(gzip -9c worker/build/index_bg.wasm | wc -c)"

log "wrangler.toml: deploy dry run (bundles the build, uploads nothing)"
WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false AGORA_WORKER_PREBUILT=1 \
  wrangler deploy --dry-run --outdir target/worker-dry-run

log "end-to-end on workerd"
cargo test -p agora-token-worker --test workerd -- --ignored

log "identity-bound tokens on workerd (JWTs from jose, JWKS on a local server)"
node --test tests/worker/jwt.test.mjs

log "per-caller rate limit under wrangler dev (TOKEN_RATE_LIMITER emulated)"
node --test tests/worker/ratelimit.test.mjs

log "bounded load run (10 s, loopback)"
node tests/worker/load.mjs --duration "${LOAD_SECONDS:-10}"
