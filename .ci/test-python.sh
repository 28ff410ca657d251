#!/usr/bin/env bash
# The Python package (python/): lint its crate, build the wheel once in release with maturin
# (in cargo's target dir, so the core's build is reused), install it, and run the pytest suite
# against the installed package (known-answer vectors, differential tests against
# agora-token-builder and agoraiotools, hostile inputs, the seed README's view, the stubs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="$PWD/target"
log() { printf '[test-python] %s\n' "$*"; }

# python/ is outside the root workspace (its own Cargo.lock): its fmt, clippy and rustdoc run
# here (its module docs link its private modules, which only the private-items docs show).
(cd python && cargo fmt --all -- --check)
(cd python && cargo clippy --locked --all-targets --all-features -- -D warnings)
(cd python && RUSTDOCFLAGS="-D warnings -A rustdoc::private-intra-doc-links" \
  cargo doc --locked --no-deps --document-private-items)

log "maturin build --release"
rm -rf target/wheels/agora_token-*.whl
(cd python && python3 -m maturin build --release --locked --out ../target/wheels)
wheel=$(ls target/wheels/agora_token-*.whl)
case "$wheel" in *abi3*) ;; *) echo "not an abi3 wheel: $wheel" >&2; exit 1 ;; esac
python3 -m pip install --quiet --force-reinstall --no-deps "$wheel"

# From the tests directory, so that `import agora_token` is the installed package and not
# the source tree (which has no compiled extension).
cd python/tests
rc=0
python3 -m pytest -q -p no:cacheprovider -W ignore::DeprecationWarning . || rc=$?
# pytest exits 5 when it collected no test: that is a failure here, never a pass.
if [ "$rc" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
exit "$rc"
