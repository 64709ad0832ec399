#!/usr/bin/env bash
# Before/after of a change to gb-enums: runs two builds of the `runtime` benchmark (BEFORE and
# AFTER, paths of the bench executables) alternately ROUNDS times on the groups matching
# FILTER, and prints, for each build, the ratio table of gb to the alternatives, and the
# ratio AFTER/BEFORE of gb itself. The two builds run the same inputs; only gb-enums differs.
#
# Build AFTER from a copy of the workspace with the change applied, e.g.
#   cp -r gb-enums gb-enums-derive gb-enums-codegen benches schema.toml Cargo.lock /tmp/x/
#   (edit /tmp/x/...; a Cargo.toml with those members)
#   (cd /tmp/x && cargo bench -p gb-enums-bench --no-run)
#
# Usage: benches/scripts/before_after.sh BEFORE AFTER [FILTER] [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/common.sh"
BEFORE="$1"; AFTER="$2"; FILTER="${3:-.}"; ROUNDS="${4:-3}"
build_gen
mkdir -p "$BENCH_DIR"
OUT="$BENCH_DIR/before-after"
: >"$OUT-before.txt"; : >"$OUT-after.txt"; : >"$OUT-gb.txt"

# `group/impl   time:   [low mid high UNIT]` -> `round group impl ns`
parse() {
  awk -v r="$1" '
    /time:/ && /\// {
      split($1, id, "/"); v = $5; u = $6
      f = (u == "ps") ? 0.001 : (u == "ns") ? 1 : (u == "µs" || u == "us") ? 1000 : (u == "ms") ? 1e6 : 1e9
      printf "%s %s %s %.4f\n", r, id[1], id[2], v * f
    }'
}

for round in $(seq 1 "$ROUNDS"); do
  for which in before after; do
    bin="$BEFORE"; [ "$which" = after ] && bin="$AFTER"
    echo "before_after: round $round, $which" >&2
    "$bin" --bench "$FILTER" --warm-up-time 0.5 --measurement-time 1.5 --noplot 2>/dev/null | parse "$round" >"$OUT-$which-$round.txt"
    cat "$OUT-$which-$round.txt" >>"$OUT-$which.txt"
    awk -v w="$which" '$3 == "gb" { print $1, $2, "gb-" w, $4 }' "$OUT-$which-$round.txt" >>"$OUT-gb.txt"
  done
done
echo "### before"; "$GEN" ratios gb "ns/iter" <"$OUT-before.txt"
echo; echo "### after"; "$GEN" ratios gb "ns/iter" <"$OUT-after.txt"
echo; echo "### gb after / gb before"; "$GEN" ratios gb-after "ns" <"$OUT-gb.txt"
