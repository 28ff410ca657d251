#!/usr/bin/env bash
# The inspector page, served as Workers Static Assets: builds the Worker (worker/build.sh) and
# the page's assets (worker/page/build.sh; the npm package first when stale), then runs the
# Playwright tests (npm playwright-core driving Debian's /usr/bin/chromium) against the assets
# in front of the Worker on raw workerd (the directory bound as a disk service) on a free
# 127.0.0.1 port, and compares the assets' answers with `wrangler dev`'s. Screenshots of each
# tab at 1280 and 375 px are written to target/page-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

log() { printf '[test-page] %s\n' "$*"; }

log "build (worker/build.sh, worker/page/build.sh)"
bash worker/build.sh
bash worker/page/build.sh

log "Playwright on headless Chromium ($(command -v "${CHROMIUM_BIN:-/usr/bin/chromium}" || echo 'chromium missing'))"
node --test --test-reporter=spec tests/page/
log "screenshots: $(ls target/page-artifacts/*.png | tr '\n' ' ')"
