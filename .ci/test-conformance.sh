#!/usr/bin/env bash
# The conformance table (tests/conformance/table.json) on every surface: the core's Rust API
# and the CLI (tests/conformance/main.rs), the Worker's handler natively
# (worker/tests/conformance.rs: POST /getToken and the GET routes), the three Python APIs over the installed wheel
# (tests/conformance/python.py), then the npm main entry and both drop-ins over pkg/ with the
# official packages' outcomes computed in the run, compared and printed as one matrix
# (tests/conformance/matrix.mjs); and AccessToken2's semantics against npm agora-token's own
# class (tests/conformance/accesstoken2.mjs). Runs after test-js (pkg/) and test-python (the
# installed wheel) in `make test`; alone it builds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
log() { printf '[test-conformance] %s\n' "$*"; }

out="$CARGO_TARGET_DIR/conformance"
rm -rf "$out"
export CONFORMANCE_OUT="$out"

[ -f pkg/package.json ] || bash pkg-template/build.sh
if ! python3 -c 'import agora_token' 2>/dev/null; then
  log "building and installing the Python wheel"
  rm -rf target/wheels/agora_token-*.whl
  (cd python && python3 -m maturin build --release --locked --out ../target/wheels)
  python3 -m pip install --quiet --force-reinstall --no-deps target/wheels/agora_token-*.whl
fi

log "core and CLI"
cargo test -p agora-token --all-features --test conformance
log "Worker (the handler on the native platform: /getToken and the GET routes)"
cargo test -p agora-token-worker --test conformance
log "Python: seed API, python3 007 names, Pythonic API"
python3 tests/conformance/python.py "$out"
log "AccessToken2 semantics against npm agora-token"
node tests/conformance/accesstoken2.mjs pkg
log "npm entries, the official packages, and the matrix"
node tests/conformance/matrix.mjs pkg "$out"
