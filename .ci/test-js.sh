#!/usr/bin/env bash
# The npm package agora-token-wasm: build it (pkg-template/build.sh), check its size budget,
# run the wasm-bindgen-test suite (src/js/wasm_tests.rs) in Node, headless Chromium and headless
# Firefox (when firefox-esr and geckodriver are installed), then the consumer test and the
# differential test against the official npm builders on the built package; the JS API
# layer's argument checks run in tests/js/api.mjs, its encoding round trip in
# tests/js/boundary.mjs, each vocabulary name spelled once in tests/js/names.mjs, the
# official packages' own tests and
# samples against the drop-in entries in tests/js/official.mjs, the types in
# tests/js/types.mjs and the documentation's examples in tests/js/examples.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

bash pkg-template/build.sh

# Size budget of what ships: the .wasm and the JS a runtime loads with it (entry, API layer,
# glue), each gzipped, summed, for the largest way of loading from files (Node require,
# ./browser.js, workerd), the embedded ./inline.js and the builder-only agora-token-wasm/build;
# the budgets are in tests/js/size.mjs and the sizes in docs/performance.md (make bench).
# The .wasm alone is printed too. Over budget is a failure (tests/js/size.mjs).
gz=$(gzip -9 -c pkg/web/agora_token_wasm_bg.wasm | wc -c)
echo "[test-js] agora_token_wasm_bg.wasm: $gz bytes gzipped"
node tests/js/size.mjs pkg

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
# The same WebAssembly SIMD as the package (pkg-template/build.sh), so that the suite runs
# sha2's SIMD SHA-256 backend against the vectors.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Ctarget-feature=+simd128"
# The suite is a unit-test module of the private JS binding (src/js/wasm_tests.rs).
wasm_tests() { cargo test --target wasm32-unknown-unknown --features js-read --lib; }

echo "[test-js] wasm-bindgen-test in Node"
wasm_tests

echo "[test-js] wasm-bindgen-test in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver wasm_tests

if command -v firefox-esr >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/geckodriver" ]; then
  echo "[test-js] wasm-bindgen-test in headless Firefox"
  WASM_BINDGEN_USE_BROWSER=1 GECKODRIVER="$HOME/.cargo/bin/geckodriver" wasm_tests
else
  echo "[test-js] headless Firefox skipped: firefox-esr or geckodriver not installed (see .ci/setup.sh)"
fi

echo "[test-js] JS API layer (tests/js/api.mjs)"
node tests/js/api.mjs pkg

echo "[test-js] the boundary's encoding and the generated vocabulary, round trip (tests/js/boundary.mjs)"
node tests/js/boundary.mjs pkg

echo "[test-js] each service, privilege and error-code name spelled in one source file (tests/js/names.mjs)"
node tests/js/names.mjs

echo "[test-js] the official agora-token / agora-access-token tests and samples against the drop-in entries"
node tests/js/official.mjs pkg

# The test-only tools (tsc, attw, publint, Deno, Bun, bundlers) come from tests/tools (make setup).
if [ ! -x tests/tools/node_modules/.bin/tsc ]; then
  echo "[test-js] FAIL: tests/tools is not installed (run make setup)" >&2
  exit 1
fi
echo "[test-js] types and packaging: strict tsc, attw, publint on the packed tarball"
node tests/js/types.mjs pkg

echo "[test-js] the JS examples of docs/npm.md and pkg-template/README.md"
node tests/js/examples.mjs pkg

echo "[test-js] consumer test (Node, Bun, Deno, Chromium with five bundlers, workerd)"
node tests/js/consumer.mjs pkg

echo "[test-js] differential test"
node tests/js/differential.mjs pkg
