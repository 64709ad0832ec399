#!/usr/bin/env bash
# Registry scaling: synthetic registries of N enums x 16 variants (N from SIZES).
#
# 1. Expansion alone: what the proc macro does for `registry!` (read, parse, validate, render
#    tokens, tokens to text), timed in-process by `gb-enums-bench-gen expand`, built like
#    cargo builds proc macros in the dev profile (unoptimized) and in release. Linear growth
#    means a constant time per enum.
# 2. `cargo check` of a crate holding the N enums: gb (`registry!`, serde + diesel + postgres)
#    vs stack (strum + num_enum + serde derive + hand-written Diesel impls), after
#    `cargo clean -p`, dependencies prebuilt, interleaved over RUNS rounds. The stack crate is
#    checked only for N in STACK_SIZES, and each size only RUNS_N rounds when set (e.g.
#    RUNS_5000=1 bounds the time the largest crate takes).
#
# Usage: SIZES="100 1000 5000" STACK_SIZES="100 1000" RUNS=3 RUNS_5000=1 benches/scripts/scaling.sh
set -euo pipefail
source "$(dirname "$0")/common.sh"
SIZES="${SIZES:-100 1000 5000}"
STACK_SIZES="${STACK_SIZES:-100 1000}"
RUNS="${RUNS:-3}"
EXPAND_RUNS="${EXPAND_RUNS:-5}"

build_gen
(cd "$ROOT" && CARGO_TARGET_DIR="$OUTER_TARGET" cargo build -q -p gb-enums-bench --bin gb-enums-bench-gen)
GEN_DEBUG="$OUTER_TARGET/debug/gb-enums-bench-gen"
mkdir -p "$BENCH_DIR"

echo "## expansion (seconds per registry!; median of $EXPAND_RUNS)"
echo "| enums | profile | load | expand | to_string | expand per enum (us) | output bytes |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for n in $SIZES; do
  reg="$BENCH_DIR/synthetic-$n.toml"
  "$GEN" synthetic "$n" 16 >"$reg"
  for profile in dev release; do
    bin="$GEN"; [ "$profile" = dev ] && bin="$GEN_DEBUG"
    "$bin" expand "$reg" "$EXPAND_RUNS" >"$BENCH_DIR/expand-$n-$profile.txt"
    awk -v n="$n" -v p="$profile" '
      { v[$2] = v[$2] " " $3 }
      function median(s,   a, k, i, j, t) {
        k = split(s, a, " ")
        for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
      }
      END {
        e = median(v["expand"])
        printf "| %d | %s | %.3f | %.3f | %.3f | %.1f | %d |\n", n, p, median(v["load"]), e, median(v["to_string"]), e / n * 1e6, median(v["bytes"])
      }' "$BENCH_DIR/expand-$n-$profile.txt"
  done
done

echo
echo "## cargo check of the crate (seconds)"
# One workspace and target directory for every size, so dependencies are built once; the
# crates are gb-N and stack-N.
W="$BENCH_DIR/synthetic"
rm -rf "$W"/gb-* "$W"/stack-*
members=()
for n in $SIZES; do
  members+=("gb-$n")
  case " $STACK_SIZES " in *" $n "*) members+=("stack-$n") ;; esac
done
write_workspace "$W" "${members[@]}"
for n in $SIZES; do
  write_gb_crate "$W/gb-$n" "$BENCH_DIR/synthetic-$n.toml"
  case " $STACK_SIZES " in *" $n "*) write_alt_crate "$W/stack-$n" stack "$BENCH_DIR/synthetic-$n.toml" ;; esac
done
export CARGO_TARGET_DIR="$W/target"
cd "$W"
for n in $SIZES; do
  crates=("gb-$n")
  case " $STACK_SIZES " in *" $n "*) crates+=("stack-$n") ;; esac
  # A first check of each crate builds its dependencies (one crate per invocation, as
  # measured, so that cargo's feature unification matches); not counted.
  for c in "${crates[@]}"; do cargo check -q -p "$c"; done
  runs_var="RUNS_$n"
  for run in $(seq 1 "${!runs_var:-$RUNS}"); do
    for k in $(seq 0 $((${#crates[@]} - 1))); do
      c="${crates[$(((run + k) % ${#crates[@]}))]}"
      cargo clean -q -p "$c"
      echo "$run check_$n ${c%-$n} $(seconds cargo check -p "$c")"
    done
  done | tee "$W/results-$n.txt" >&2
  "$GEN" ratios gb s <"$W/results-$n.txt"
done
