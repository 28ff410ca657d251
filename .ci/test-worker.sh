#!/usr/bin/env bash
# The Worker (worker/): clippy on the wasm32 adapter, the release build (worker/build.sh), the
# page's static assets (worker/page/build.sh, for the deploy dry run), the end-to-end tests on
# local workerd (several server configurations, every route and error case, every token
# decoded and verified with the core), the agora-token-service compatibility table (every token
# decoded with the official npm agora-token parser), and a 10-s bounded load run.
# The native tests of the pure handler run with the workspace in .ci/test-core.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[test-worker] %s\n' "$*"; }

log "clippy (wasm32: the adapter)"
cargo clippy -p agora-token-worker --target wasm32-unknown-unknown -- -D warnings

log "build (worker/build.sh)"
bash worker/build.sh
wasm=$(gzip -9c worker/build/index_bg.wasm | wc -c)
js=$(gzip -9c worker/build/index.js | wc -c)
log "module: index_bg.wasm $(stat -c %s worker/build/index_bg.wasm) bytes, $wasm gzipped; index.js $js gzipped; total $((wasm + js)) bytes gzipped"
# The module budget of the Worker issue (100 KB gzipped, .wasm + JS); the page is not in it.
[ $((wasm + js)) -le 102400 ] || { log "FAILED: the module is over 100 KB gzipped"; exit 1; }

log "page assets (worker/page/build.sh) and wrangler.toml: deploy dry run (bundles, uploads nothing)"
bash worker/page/build.sh
WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false AGORA_WORKER_PREBUILT=1 \
  wrangler deploy --dry-run --outdir target/worker-dry-run

log "end-to-end on workerd"
cargo test -p agora-token-worker --test workerd -- --ignored

log "agora-token-service compatibility table on workerd (tests/worker/compat/)"
node tests/worker/compat/run.mjs

log "identity-bound tokens on workerd (JWTs from jose, JWKS on a local server)"
node --test tests/worker/jwt.test.mjs

log "per-caller rate limit under wrangler dev (TOKEN_RATE_LIMITER emulated)"
node --test tests/worker/ratelimit.test.mjs

log "bounded load run (10 s, loopback)"
node tests/worker/load.mjs --duration "${LOAD_SECONDS:-10}"
