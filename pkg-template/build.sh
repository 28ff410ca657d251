#!/usr/bin/env bash
# Builds the npm package `agora-token-wasm` into pkg/ (or $PKG_OUT):
#   1. wasm-pack (cargo feature `js`) twice on one cargo build: `--target web` (ESM glue with
#      an explicit init, for browsers, bundlers and workerd) and `--target nodejs` (CommonJS
#      glue that loads the .wasm synchronously, for Node's require and import);
#   2. wasm-opt -Oz from npm binaryen 132 (never Debian's binaryen 108);
#   3. the public API: pkg-template/api.js (a thin JS layer over the wasm exports) wrapped
#      as web/agora_token_wasm.js (ESM, beside wasm-bindgen's glue, renamed glue.js) and
#      node/agora_token_wasm.js (CommonJS), typed by pkg-template/api.d.ts;
#   4. the hand-written entry points, package.json and README from pkg-template/, and the
#      generated ones (pkg-template/entries.mjs: the embedded .wasm for Deno, browsers and
#      bundlers, the types, the agora-token and agora-access-token drop-in entries).
# The build uses its own target dir (target/npm) and opt-level "s" (3 and 2 for the hot crates,
# see NPM_CARGO_ARGS) through the environment and cargo --config,
# so the shared [profile.release] and the other builds' artifacts are left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="$ROOT/target/npm"
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-s}
# Speed where the time goes: SHA-256 (a third of a token in wasm) at opt-level 3 and the
# core (packing, deflate, CRC) at 2, everything else for size. Measured with
# (benches/node/bench.mjs ratios to the npm builders, gzip -9 of the .wasm): the rest at "s"
# 72.0 KB, at "z" 72.9 KB, same speed; the core at "s" too 70.5 KB but 15-20% slower
# (006 3.0x vs 3.6-4.0x); all "s" 69.8 KB and 007 ~1.8x slower. NPM_CARGO_ARGS overrides it.
NPM_CARGO_ARGS=${NPM_CARGO_ARGS-"--config profile.release.package.sha2.opt-level=3 --config profile.release.package.agora-token.opt-level=2"}
# LLVM's inline threshold (the default is 225 at opt-level 2, 250 at 3, 75 at "s"):
# 150 for all crates gives 56.8 KB instead of 63.6 KB with the defaults, at the same speed;
# 100 gives 55.8 KB and 50 54.9 KB, but 007 tokens are ~15% slower (same-process alternating
# runs of the two builds).
# WebAssembly SIMD (simd128): sha2's SIMD SHA-256 backend, which makes 006 and 007 tokens
# 13-14% faster in Node and the module 2 KB smaller (55.1 against 57.1 KB gzipped; same-process
# alternating runs). Every engine the package supports has it: Node 16.4+,
# Chrome 91+, Firefox 89+, Safari 16.4+, workerd.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS-"-Cllvm-args=-inline-threshold=150 -Ctarget-feature=+simd128"}
export CARGO_PROFILE_RELEASE_PANIC=abort

WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
# The output directory (default pkg/); benchmarks and parallel runs may build elsewhere.
OUT=${PKG_OUT:-pkg}
"$WASM_OPT" --version | grep -q "version 132" || { echo "need npm binaryen 132 at $WASM_OPT" >&2; exit 1; }

rm -rf "$OUT"
for target in web nodejs; do
  dir=$OUT/$([ "$target" = nodejs ] && echo node || echo web)
  # wasm-opt = false in [package.metadata.wasm-pack]: wasm-opt runs below, pinned.
  wasm-pack build --release --no-pack --no-gitignore --target "$target" \
    --out-dir "$dir" --out-name agora_token_wasm . -- --features js ${NPM_CARGO_ARGS:-}
  "$WASM_OPT" -Oz --converge --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$dir/agora_token_wasm_bg.wasm" -o "$dir/agora_token_wasm_bg.wasm"
  rm -f "$dir/README.md" "$dir/package.json" "$dir/.gitignore" "$dir/LICENSE"*
  mv "$dir/agora_token_wasm.js" "$dir/glue.js"
  mv "$dir/agora_token_wasm.d.ts" "$dir/glue.d.ts"
done

# The API layer, once as an ES module (web) and once as CommonJS (node). Node's ESM import
# of CommonJS needs literal `exports.name =` lines to see the names.
names=$(node -e '
  const src = require("fs").readFileSync("pkg-template/api.js", "utf8");
  const createApi = new Function(src + "; return createApi")();
  const stub = new Proxy({}, { get: () => () => undefined });
  console.log(Object.keys(createApi(stub)).join(" "));
')
{
  echo "// agora-token-wasm: the public API (pkg-template/api.js) over the wasm-bindgen glue."
  echo "import * as w from './glue.js'"
  echo "export { default, initSync } from './glue.js'"
  cat pkg-template/api.js
  echo "const api = createApi(w)"
  for n in $names; do echo "export const $n = api.$n"; done
} > "$OUT"/web/agora_token_wasm.js
{
  echo "// agora-token-wasm: the public API (pkg-template/api.js) over the wasm-bindgen glue."
  echo "'use strict'"
  echo "const w = require('./glue.js')"
  cat pkg-template/api.js
  echo "const api = createApi(w)"
  for n in $names; do echo "exports.$n = api.$n"; done
} > "$OUT"/node/agora_token_wasm.js
cp pkg-template/api.d.ts $OUT/node/agora_token_wasm.d.ts
{ cat pkg-template/api.d.ts; sed -n '/^export type InitInput/,$p' "$OUT"/web/glue.d.ts; } > "$OUT"/web/agora_token_wasm.d.ts
# The embedded .wasm (embed/wasm.js), the main entry's types (index.d.ts, index.d.cts)
# and the drop-in entries (pkg-template/dropins.json).
node pkg-template/entries.mjs "$OUT"

# wasm-bindgen's nodejs glue is CommonJS; mark its directory so Node never reads it as ESM.
echo '{"type":"commonjs"}' > "$OUT"/node/package.json

cp pkg-template/package.json pkg-template/README.md pkg-template/browser.js pkg-template/inline.js \
   pkg-template/workerd.js pkg-template/index.mjs pkg-template/index.cjs LICENSE "$OUT"/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
node -e '
  const fs = require("fs");
  const file = process.argv[2] + "/package.json";
  const p = JSON.parse(fs.readFileSync(file, "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync(file, JSON.stringify(p, null, 2) + "\n");
' "$version" "$OUT"

raw=$(stat -c %s "$OUT"/web/agora_token_wasm_bg.wasm)
gz=$(gzip -9 -c "$OUT"/web/agora_token_wasm_bg.wasm | wc -c)
echo "agora-token-wasm $version: agora_token_wasm_bg.wasm $raw bytes, $gz bytes gzipped (-9)"
