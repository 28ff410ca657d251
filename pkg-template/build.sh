#!/usr/bin/env bash
# Builds the npm package `agora-token-wasm` into pkg/ (or $PKG_OUT):
#   1. wasm-pack (cargo feature `js`) twice on one cargo build: `--target web` (ESM glue with
#      an explicit init, for browsers, bundlers and workerd) and `--target nodejs` (CommonJS
#      glue that loads the .wasm synchronously, for Node's require and import);
#   2. wasm-opt -Oz from npm binaryen 132 (never Debian's binaryen 108);
#   3. the public API: the ES modules of pkg-template/js/ (the builders, the drop-in classes,
#      the readers, and the vocabulary generated from the core into pkg-template/generated/ by
#      src/js/vocab.rs, written first), bundled by esbuild (pkg-template/bundle.mjs) into
#      web/agora_token_wasm.js (ESM, beside wasm-bindgen's glue, renamed glue.js) and
#      node/agora_token_wasm.js (CommonJS), typed by pkg-template/generated/vocab.d.ts +
#      pkg-template/generated/api.d.ts (the options and result types and the headline
#      functions, generated from the Rust types) + pkg-template/api.d.ts (the drop-in
#      classes) (+ pkg-template/readers.d.ts for the main entry);
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
# Speed where the time goes: SHA-256 at opt-level 3 and the core (packing, deflate, CRC) at
# 2, everything else for size. Chosen by measurement (benches/node/bench.mjs ratios to the
# npm builders, gzip -9 of the .wasm): "z" for the rest is no smaller than "s" and no faster,
# and the core at "s" is smaller but slower. NPM_CARGO_ARGS overrides it. The sizes and
# speeds are in the table `make bench` writes (docs/performance.md).
NPM_CARGO_ARGS=${NPM_CARGO_ARGS-"--config profile.release.package.sha2.opt-level=3 --config profile.release.package.agora-token.opt-level=2"}
# LLVM's inline threshold (the default is 225 at opt-level 2, 250 at 3, 75 at "s"): 150 for
# all crates makes the module smaller than the defaults at the same speed; lower thresholds
# are smaller still but make 007 tokens slower (same-process alternating runs of the builds).
# WebAssembly SIMD (simd128): sha2's SIMD SHA-256 backend, which makes 006 and 007 tokens
# faster in Node and the module smaller. Every engine the package supports has it:
# Node 16.4+, Chrome 91+, Firefox 89+, Safari 16.4+, workerd.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS-"-Cllvm-args=-inline-threshold=150 -Ctarget-feature=+simd128"}
export CARGO_PROFILE_RELEASE_PANIC=abort

WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
# The output directory (default pkg/); benchmarks and parallel runs may build elsewhere.
OUT=${PKG_OUT:-pkg}
"$WASM_OPT" --version | grep -q "version 132" || { echo "need npm binaryen 132 at $WASM_OPT" >&2; exit 1; }

# The vocabulary of the core (services, privileges, RTM2 resources and permissions, error
# codes, the boundary's codes) as JS and TypeScript (src/js/vocab.rs), buildRtcToken's
# options for its JS reader (generated/options.js), and the options and result types from
# the Rust types (generated/api.d.ts, src/js/vocab/api.rs, ts-rs: cargo feature `ts`);
# `cargo test --all-features` checks that the committed files are current. Native, in the
# shared target dir.
AGORA_TOKEN_WRITE_VOCAB=1 CARGO_TARGET_DIR="$ROOT/target" \
  cargo test -q -p agora-token --all-features --lib js::vocab::tests::generated_vocabulary_is_current >/dev/null

# The types: the generated vocabulary, the generated options and result types, then
# api.d.ts, then (with the readers, $1 = 1) readers.d.ts.
api_dts() {
  echo "// agora-token-wasm's types: the core's vocabulary (src/js/vocab.rs) and the options and results"
  echo "// (src/js/vocab/api.rs), generated from the Rust; then the drop-in classes and the readers' functions,"
  echo "// written by hand (pkg-template/api.d.ts, readers.d.ts); checked by strict tsc (tests/js/types.mjs)."
  echo
  cat pkg-template/generated/vocab.d.ts
  echo
  cat pkg-template/generated/api.d.ts
  echo
  cat pkg-template/api.d.ts
  if [ "$1" = 1 ]; then echo; cat pkg-template/readers.d.ts; fi
}

# One build of the module and its API layer into directory $1 with cargo features $2;
# $3 = 1 with the readers (inspectToken, verifyToken), 0 without.
variant() {
  local out=$1 features=$2 read=$3
  for target in web nodejs; do
    dir=$out/$([ "$target" = nodejs ] && echo node || echo web)
    # wasm-opt = false in [package.metadata.wasm-pack]: wasm-opt runs below, pinned.
    wasm-pack build --release --no-pack --no-gitignore --target "$target" \
      --out-dir "$dir" --out-name agora_token_wasm . -- --features "$features" ${NPM_CARGO_ARGS:-}
    "$WASM_OPT" -Oz --converge --strip-debug --strip-producers \
      --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
      "$dir/agora_token_wasm_bg.wasm" -o "$dir/agora_token_wasm_bg.wasm"
    rm -f "$dir/README.md" "$dir/package.json" "$dir/.gitignore" "$dir/LICENSE"*
    mv "$dir/agora_token_wasm.js" "$dir/glue.js"
    mv "$dir/agora_token_wasm.d.ts" "$dir/glue.d.ts"
  done

  # The API layer, once as an ES module (web) and once as CommonJS (node), by esbuild.
  node pkg-template/bundle.mjs "$out" "$read"
  node pkg-template/minify.mjs "$out"/web/glue.js "$out"/node/glue.js
  api_dts "$read" > "$out"/node/agora_token_wasm.d.ts
  { api_dts "$read"; sed -n '/^export type InitInput/,$p' "$out"/web/glue.d.ts; } > "$out"/web/agora_token_wasm.d.ts
  # wasm-bindgen's nodejs glue is CommonJS; mark its directory so Node never reads it as ESM.
  echo '{"type":"commonjs"}' > "$out"/node/package.json
}

rm -rf "$OUT"
variant "$OUT" js,js-read 1
# The builder-only entry agora-token-wasm/build: the same API without inspectToken and
# verifyToken, whose parser, inflate, verification and JSON output are a large part of the
# module (docs/performance.md has the sizes); for servers that only mint tokens. Same entry files, one level down.
variant "$OUT/build" js 0
cp pkg-template/browser.js pkg-template/inline.js pkg-template/workerd.js \
   pkg-template/index.mjs pkg-template/index.cjs "$OUT"/build/
echo '{"type":"module","main":"./index.cjs","types":"./index.d.cts"}' > "$OUT"/build/package.json

# The embedded .wasm (embed/wasm.js), the main entry's types (index.d.ts, index.d.cts)
# and the drop-in entries (pkg-template/dropins.json).
node pkg-template/entries.mjs "$OUT"

cp pkg-template/package.json pkg-template/README.md pkg-template/browser.js pkg-template/inline.js \
   pkg-template/workerd.js pkg-template/index.mjs pkg-template/index.cjs LICENSE "$OUT"/
# The hand-written entries ship minified like the API layer (pkg-template/minify.mjs).
entries=(browser.js inline.js workerd.js index.mjs index.cjs)
node pkg-template/minify.mjs "${entries[@]/#/$OUT/}" "${entries[@]/#/$OUT/build/}"
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
