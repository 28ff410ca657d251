#!/usr/bin/env bash
# The inspector page (GET / on the Worker): builds the Worker (and, when stale, the npm
# package it embeds), then runs the Playwright tests (npm playwright-core driving Debian's
# /usr/bin/chromium) against it on raw workerd on a free 127.0.0.1 port. Screenshots of
# each tab at 1280 and 375 px are written to target/page-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[test-page] %s\n' "$*"; }

log "build (worker/build.sh: pkg/ when stale, then worker-build)"
bash worker/build.sh
printf '[test-page] Worker module with the page: %s bytes, %s gzipped (-9)\n' \
  "$(stat -c %s worker/build/index_bg.wasm)" "$(gzip -9c worker/build/index_bg.wasm | wc -c)"

log "Playwright on headless Chromium ($(command -v "${CHROMIUM_BIN:-/usr/bin/chromium}" || echo 'chromium missing'))"
node --test --test-reporter=spec tests/page/
log "screenshots: $(ls target/page-artifacts/*.png | tr '\n' ' ')"
