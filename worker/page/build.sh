#!/usr/bin/env bash
# Builds the inspector page's static assets into worker/assets/ (or $PAGE_ASSETS_DIR), which
# wrangler.toml's [assets] serves as Workers Static Assets, before the Worker runs:
#   index.html                      (worker/page/index.html, {{VERSION}} filled in)
#   _headers                        (worker/page/_headers: CSP, nosniff, caching)
#   static/<version>/app.css, app.js
#   static/<version>/pkg/…          (the npm package's browser build: pkg/*.js, pkg/web/)
# <version> is a hash of every file served, so the assets' URLs change with their content
# and can be cached as immutable. The npm package comes from $AGORA_PAGE_PKG_DIR (default
# pkg/), built first by pkg-template/build.sh when it is missing or older than its sources.
# The Worker module does not depend on this build (worker/build.sh). Never installs anything.
set -euo pipefail
if [ "${AGORA_WORKER_PREBUILT:-0}" = 1 ]; then
  echo "[worker/page/build.sh] using the existing assets (AGORA_WORKER_PREBUILT=1)"
  exit 0
fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PAGE="$ROOT/worker/page"
OUT=${PAGE_ASSETS_DIR:-$ROOT/worker/assets}
PKG=${AGORA_PAGE_PKG_DIR:-$ROOT/pkg}

if [ -z "${AGORA_PAGE_PKG_DIR:-}" ]; then
  # pkg/package.json is the last file pkg-template/build.sh writes: the build's stamp.
  STAMP="$ROOT/pkg/package.json"
  if [ ! -f "$STAMP" ] || [ ! -f "$ROOT/pkg/browser.js" ] || [ -n "$(find "$ROOT/src" \
       "$ROOT/pkg-template" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -newer "$STAMP" -print -quit)" ]; then
    echo "[worker/page/build.sh] building the npm package for the page (pkg-template/build.sh)"
    bash "$ROOT/pkg-template/build.sh"
  fi
fi
ls "$PKG"/browser.js "$PKG"/web/*.wasm >/dev/null \
  || { echo "[worker/page/build.sh] no browser build of the npm package in $PKG" >&2; exit 1; }

# The files served under static/<version>/, as "source destination" lines: the page's CSS and
# JS, and every module and .wasm of the package's root and web/ (never its typings).
files() {
  for f in app.css app.js; do echo "$PAGE/$f $f"; done
  for dir in "" web/; do
    for f in "$PKG/$dir"*; do
      case "$f" in *.d.ts|*.d.mts|*.d.cts) continue ;; *.js|*.mjs|*.wasm) echo "$f pkg/$dir$(basename "$f")" ;; esac
    done
  done
}
version=$( { sha256sum "$PAGE/index.html" "$PAGE/_headers"
             files | while read -r src dst; do echo "$dst"; sha256sum < "$src"; done; } \
           | sha256sum | cut -c1-16)

tmp=$(mktemp -d "$(dirname "$OUT")/.assets.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
files | while read -r src dst; do
  mkdir -p "$tmp/static/$version/$(dirname "$dst")"
  cp "$src" "$tmp/static/$version/$dst"
done
sed "s/{{VERSION}}/$version/g" "$PAGE/index.html" > "$tmp/index.html"
cp "$PAGE/_headers" "$tmp/_headers"
rm -rf "$OUT"
mv "$tmp" "$OUT"
trap - EXIT
echo "[worker/page/build.sh] $OUT: static/$version/, $(find "$OUT" -type f | wc -l) files, $(du -sk "$OUT" | cut -f1) KB"
