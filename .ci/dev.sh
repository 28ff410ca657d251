#!/usr/bin/env bash
# The README's first command (`make dev`): build the Worker and the inspector page's assets
# (the npm package too, when stale) and serve them on http://127.0.0.1:8787 on Cloudflare's
# runtime (wrangler dev → workerd; the page as Workers Static Assets), with demo credentials
# from .dev.vars (created from .dev.vars.example when absent).
#
#   DEV_PORT=8788 make dev     another port
#   DEV_ALLOWED_HOSTS=…        the Host values served (default 127.0.0.1:PORT,localhost:PORT:
#                              a page on another name re-pointed at 127.0.0.1, DNS rebinding,
#                              gets 403 HOST_NOT_ALLOWED; empty: any Host)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
PORT="${DEV_PORT:-8787}"
HOSTS="${DEV_ALLOWED_HOSTS-127.0.0.1:$PORT,localhost:$PORT}"

if [ ! -f .dev.vars ]; then
  cp .dev.vars.example .dev.vars
  echo "[dev] created .dev.vars from .dev.vars.example (demo credentials; git-ignored)"
fi

bash worker/build.sh
bash worker/page/build.sh

cat <<MSG
[dev] serving on http://127.0.0.1:$PORT — open http://127.0.0.1:$PORT/ for the token inspector page, or try:
  curl -X POST 127.0.0.1:$PORT/getToken -d '{"tokenType":"rtc","channel":"demo","uid":"42","role":"publisher"}'
MSG
# The build above is fresh: wrangler's [build] step is skipped (AGORA_WORKER_PREBUILT),
# and --no-bundle serves worker/build.sh's output as is.
export AGORA_WORKER_PREBUILT=1
exec wrangler dev --ip 127.0.0.1 --port "$PORT" --no-bundle --show-interactive-dev-session=false \
  --var "ALLOWED_HOSTS:$HOSTS"
