#!/usr/bin/env bash
# Run-time ratios: runs the criterion benchmark `runtime` RUNS times and, for every operation,
# reports the median time of each implementation and gb / alternative per run (median and
# range over the runs). Criterion measures the three implementations of an operation one
# after the other within seconds, so each run's ratio shares that moment's machine noise.
#
# Usage: benches/scripts/runtime.sh [RUNS] [criterion args...]   (default 5 runs)
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS="${1:-5}"; shift || true
build_gen
CRITERION="$OUTER_TARGET/criterion"
RESULTS="$BENCH_DIR/runtime.txt"
mkdir -p "$BENCH_DIR"
: >"$RESULTS"
cd "$ROOT"
for run in $(seq 1 "$RUNS"); do
  echo "runtime: run $run of $RUNS" >&2
  CARGO_TARGET_DIR="$OUTER_TARGET" cargo bench -q -p gb-enums-bench --bench runtime -- "$@" >"$BENCH_DIR/runtime-$run.log"
  for est in "$CRITERION"/*/*/new/estimates.json; do
    dir="$(dirname "$(dirname "$est")")"
    imp="$(basename "$dir")"; group="$(basename "$(dirname "$dir")")"
    calls="$(jq -r '.throughput.Elements // 1' "$dir/new/benchmark.json")"
    # ns per call: criterion's median time per iteration over the calls in one iteration.
    echo "$run $group $imp $(jq -r --argjson n "$calls" '.median.point_estimate / $n' "$est")" >>"$RESULTS"
  done
done
"$GEN" ratios gb "ns/call" <"$RESULTS"
