#!/usr/bin/env bash
# Build time of the 12 shipped enums, three ways, each its own crate in one workspace:
#   gb     `gb_enums::registry!("schema.toml")` with gb-enums' serde, diesel and postgres features
#   stack  strum + num_enum + serde derive + hand-written Diesel ToSql/FromSql (src/enums.rs)
#   hand   hand-written match/Display/FromStr/TryFrom + serde derive + the same Diesel impls
# Dependencies are built first and shared; then, RUNS times, interleaved and in rotating order:
#   build_clean          `cargo clean -p CRATE`, then `cargo build -p CRATE`
#   rebuild_after_touch  touch the registry (gb) or the enum file (stack, hand), `cargo build`
#   check_clean          `cargo check -p CRATE` with no check artifacts of the crate yet
#   check_after_touch    touch again, `cargo check -p CRATE`
# Prints the raw lines and a markdown table of medians and gb/alternative ratios (per round).
#
# Usage: benches/scripts/buildtime.sh [RUNS]    (default 7)
set -euo pipefail
source "$(dirname "$0")/common.sh"
RUNS="${1:-7}"

W="$BENCH_DIR/shipped"
build_gen
# The crates are written anew; the target directory is kept, so a second run reuses the
# dependencies it built.
rm -rf "$W/gb" "$W/stack" "$W/hand"
write_workspace "$W" gb stack hand
write_gb_crate "$W/gb" "$ROOT/schema.toml"
write_alt_crate "$W/stack" stack "$ROOT/schema.toml"
write_alt_crate "$W/hand" hand "$ROOT/schema.toml"
export CARGO_TARGET_DIR="$W/target"
cd "$W"
echo "buildtime: building dependencies in $W" >&2
# One crate at a time, as measured: cargo unifies dependency features over the packages of one
# invocation, so a `--workspace` build would leave diesel built with other features.
for c in gb stack hand; do
  cargo build -q -p "$c"
  cargo check -q -p "$c"
done

touched() {
  case "$1" in
    gb) echo "$W/gb/schema.toml" ;;
    *) echo "$W/$1/src/enums.rs" ;;
  esac
}

RESULTS="$W/results.txt"
: >"$RESULTS"
crates=(gb stack hand)
for run in $(seq 1 "$RUNS"); do
  for k in 0 1 2; do
    c="${crates[$(((run + k) % 3))]}"
    cargo clean -q -p "$c"
    echo "$run build_clean $c $(seconds cargo build -p "$c")" | tee -a "$RESULTS"
    touch "$(touched "$c")"
    echo "$run rebuild_after_touch $c $(seconds cargo build -p "$c")" | tee -a "$RESULTS"
    echo "$run check_clean $c $(seconds cargo check -p "$c")" | tee -a "$RESULTS"
    touch "$(touched "$c")"
    echo "$run check_after_touch $c $(seconds cargo check -p "$c")" | tee -a "$RESULTS"
  done
done
echo
"$GEN" ratios gb s <"$RESULTS"
