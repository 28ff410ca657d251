#!/usr/bin/env bash
# The core crate: unit, vector, property and differential tests, doctests, and the
# wasm32 build of the core.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-features
cargo build --lib --target wasm32-unknown-unknown
