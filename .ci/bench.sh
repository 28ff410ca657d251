#!/usr/bin/env bash
# `make bench`: every benchmark (docs/performance.md), then one table (.ci/bench-table.py). Not part of
# `make test`: performance is measured as ratios within one run, never asserted in a test.
#   1. native (criterion): build 006/007 RTC, 007 RTM, parse, verify, the crypto floors;
#   2. npm package size (.ci/bench-size.sh), built into target/pkg-bench;
#   3. Node: that package vs npm agora-access-token / agora-token (benches/node/bench.mjs), and
#      its start-up (module compile, require + first token) against the package built from
#      BENCH_BEFORE_REF (default main), alternating (benches/node/startup.mjs);
#   4. Worker: our Worker vs a minimal npm agora-token Worker on local workerd
#      (benches/worker/bench.mjs, raw keep-alive HTTP/1.1 clients), after worker/build.sh:
#      requests/s, p99, workerd CPU per request, cold start (median of 11) and module size,
#      with caller JWTs (RS256, HS256) and the floor (a constant-JSON Worker, workers-rs and JS);
#   5. the native server agora-token-server vs a Node server on npm agora-token
#      (benches/server/bench.mjs): requests/s, p50/p99, CPU, peak RSS, start-up;
#   6. Python: the wheel vs PyPI agora-token-builder / agoraiotools (benches/python/bench.py).
# BENCH_QUICK=1 shortens every step (for a smoke run).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
OUT=target/bench
mkdir -p "$OUT"
log() { printf '[bench] %s\n' "$*" >&2; }

if [ "${BENCH_QUICK:-0}" = 1 ]; then
  CRIT="--warm-up-time 1 --measurement-time 1"; NODE="--runs 5 --slice-ms 100 --cold 3"
  WORKER="--duration 2 --rounds 1 --cold 2"; SERVER="--duration 2 --rounds 1 --cold 2"
  PYB="--rounds 3 --slice-ms 100"; STARTUP_ROUNDS=3
else
  CRIT="--warm-up-time 2 --measurement-time 4"; NODE="--runs 11 --slice-ms 300 --cold 9"
  WORKER="--duration 5 --rounds 5 --cold 11"; SERVER="--duration 5 --rounds 5 --cold 11"
  PYB="--rounds 7 --slice-ms 300 --threads"; STARTUP_ROUNDS=31
fi

log "native (cargo bench --bench tokens)"
# shellcheck disable=SC2086
cargo bench --bench tokens -- $CRIT >&2

log "npm package size (.ci/bench-size.sh)"
bash .ci/bench-size.sh --json | tail -1 > "$OUT/size.json"

# The package built from BENCH_BEFORE_REF (default main), for the start-up comparison and,
# when it has the positional boundary, the serde-vs-positional rows of benches/node/bench.mjs.
BEFORE_REF=${BENCH_BEFORE_REF:-main}
log "the package of $BEFORE_REF (target/pkg-before)"
rm -rf target/before-src && mkdir -p target/before-src
git archive "$BEFORE_REF" | tar -x -C target/before-src
ln -sfn "$PWD/node_modules" target/before-src/node_modules
(cd target/before-src && CARGO_TARGET_DIR="$PWD/../npm-before" PKG_OUT="$PWD/../pkg-before" \
  bash -c 'sed -i "s|^export CARGO_TARGET_DIR=.*|export CARGO_TARGET_DIR=$CARGO_TARGET_DIR|" pkg-template/build.sh && bash pkg-template/build.sh') >&2

log "Node (benches/node/bench.mjs, the boundary against target/pkg-before)"
# shellcheck disable=SC2086
node --expose-gc benches/node/bench.mjs target/pkg-bench --before target/pkg-before $NODE --json > "$OUT/node.json"

# Start-up before / after a change (benches/node/startup.mjs): module compile and require +
# first token of the package built from BENCH_BEFORE_REF against this tree's, alternating in
# fresh processes.
log "Node start-up: $BEFORE_REF (target/pkg-before) against this tree (target/pkg-bench)"
node benches/node/startup.mjs target/pkg-before target/pkg-bench --rounds "${STARTUP_ROUNDS}" --json > "$OUT/startup.json"

log "Worker (worker/build.sh, benches/worker/bench.mjs)"
bash worker/build.sh >&2
WORKER_CRATE="$PWD/benches/worker/floor-rs" WORKER_OUT="$PWD/target/floor-rs-build" bash worker/build.sh >&2
# shellcheck disable=SC2086
node benches/worker/bench.mjs $WORKER --json > "$OUT/worker.json"

log "native server (cargo build --release --features server, benches/server/bench.mjs)"
cargo build --release -p agora-token-worker --features server --bin agora-token-server >&2
# shellcheck disable=SC2086
node benches/server/bench.mjs $SERVER --json > "$OUT/server.json"

log "Python (maturin build --release, benches/python/bench.py)"
rm -f target/wheels/agora_token-*.whl
(cd python && CARGO_TARGET_DIR=../target python3 -m maturin build --release --locked --out ../target/wheels) >&2
python3 -m pip install -q --force-reinstall --no-deps target/wheels/agora_token-*.whl >&2
# shellcheck disable=SC2086
python3 benches/python/bench.py $PYB > "$OUT/python.txt"

# The one table of figures: printed, and written into docs/performance.md between its
# markers (BENCH_NO_WRITE=1 only prints it).
{
  echo "agora-token benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(node --version), $(rustc --version | cut -d' ' -f1-2)"
  python3 .ci/bench-table.py --node "$OUT/node.json" --worker "$OUT/worker.json" --server "$OUT/server.json" --size "$OUT/size.json" --startup "$OUT/startup.json"
  echo
  cat "$OUT/python.txt"
} | tee "$OUT/table.txt"
if [ "${BENCH_NO_WRITE:-0}" != 1 ]; then
  python3 .ci/bench-table.py --write docs/performance.md --table "$OUT/table.txt"
  log "wrote the table into docs/performance.md"
fi
