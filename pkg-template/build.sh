#!/usr/bin/env bash
# Builds the npm package `agora-token-wasm` into pkg/:
#   1. wasm-pack (cargo feature `js`) twice on one cargo build: `--target web` (ESM glue with
#      an explicit init, for browsers, bundlers and workerd) and `--target nodejs` (CommonJS
#      glue that loads the .wasm synchronously, for Node's require and import);
#   2. wasm-opt -Oz from npm binaryen 132 (never Debian's binaryen 108);
#   3. the hand-written entry points, typings, package.json and README from pkg-template/.
# The build uses its own target dir (target/npm) and opt-level "z" through the environment,
# so the shared [profile.release] and the other builds' artifacts are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="$ROOT/target/npm"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
export CARGO_PROFILE_RELEASE_PANIC=abort

WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
"$WASM_OPT" --version | grep -q "version 132" || { echo "need npm binaryen 132 at $WASM_OPT" >&2; exit 1; }

rm -rf pkg
for target in web nodejs; do
  dir=pkg/$([ "$target" = nodejs ] && echo node || echo web)
  # wasm-opt = false in [package.metadata.wasm-pack]: wasm-opt runs below, pinned.
  wasm-pack build --release --no-pack --no-gitignore --target "$target" \
    --out-dir "$dir" --out-name agora_token_wasm . -- --features js
  "$WASM_OPT" -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$dir/agora_token_wasm_bg.wasm" -o "$dir/agora_token_wasm_bg.wasm"
  rm -f "$dir/README.md" "$dir/package.json" "$dir/.gitignore" "$dir/LICENSE"*
done

# wasm-bindgen's nodejs glue is CommonJS; mark its directory so Node never reads it as ESM.
echo '{"type":"commonjs"}' > pkg/node/package.json

cp pkg-template/package.json pkg-template/README.md pkg-template/*.js pkg-template/*.mjs \
   pkg-template/*.cjs pkg-template/*.d.ts pkg/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"

raw=$(stat -c %s pkg/web/agora_token_wasm_bg.wasm)
gz=$(gzip -9 -c pkg/web/agora_token_wasm_bg.wasm | wc -c)
echo "agora-token-wasm $version: agora_token_wasm_bg.wasm $raw bytes, $gz bytes gzipped (-9)"
