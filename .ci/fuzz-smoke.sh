#!/usr/bin/env bash
# Short fuzzing smoke run of every cargo-fuzz target (FUZZ_SECONDS each, default 12), on a
# scratch copy of the committed seed corpus. Long runs: FUZZ_SECONDS=600 bash .ci/fuzz-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${FUZZ_SECONDS:-12}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cargo +nightly fuzz build -O
for target in $(cargo +nightly fuzz list); do
  mkdir -p "$scratch/$target"
  seeds=corpus/$target
  [ -d "$seeds" ] || seeds=
  log="$scratch/$target.log"
  if ! cargo +nightly fuzz run -O "$target" "$scratch/$target" $seeds -- \
      -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz target $target FAILED" >&2
    exit 1
  fi
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo '?')
  echo "fuzz $target: $runs executions in ${secs}s, no crash"
done
