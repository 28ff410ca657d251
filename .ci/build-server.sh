#!/usr/bin/env bash
# Builds agora-token-server as the container ships it, one static (musl) release binary, and
# prints its path. Where the musl target or musl-gcc is missing (a machine `make setup` has
# not prepared), the host's release build instead, with a message on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
target=x86_64-unknown-linux-musl
args=(--release --locked -p agora-token-worker --features server --bin agora-token-server)
if command -v musl-gcc >/dev/null 2>&1 && rustup target list --installed | grep -qx "$target"; then
  CC_x86_64_unknown_linux_musl=musl-gcc cargo build "${args[@]}" --target "$target" >&2
  echo "target/$target/release/agora-token-server"
else
  echo "[build-server] no musl target or musl-gcc: building for the host instead" >&2
  cargo build "${args[@]}" >&2
  echo "target/release/agora-token-server"
fi
