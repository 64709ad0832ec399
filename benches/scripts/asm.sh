#!/usr/bin/env bash
# Machine code of the conversions: compiles `gb-enums-bench` (release) to assembly and, for
# every shipped enum and operation, compares the out-of-line probe of gb-enums' generated
# code (`benches/src/probe.rs`) with hand's and stack's (strum + num_enum). Labels, symbol
# hashes and the implementations' module names are normalized, so "same" means the same
# instructions on the same constants.
#
# Prints one row per enum and operation: instruction counts and whether gb's code is the
# same as each alternative's ("merged": so much the same that rustc kept one copy). With -v,
# prints the differing listings too. ASM_SKIP_BUILD=1 reuses the last compiled assembly.
#
# Usage: benches/scripts/asm.sh [-v]
set -euo pipefail
source "$(dirname "$0")/common.sh"
VERBOSE="${1:-}"
T="$BENCH_DIR/asm"
mkdir -p "$T"
cd "$ROOT"
# A target directory of its own: --emit changes the library's build, which the benchmarks
# must not reuse.
[ -n "${ASM_SKIP_BUILD:-}" ] || CARGO_TARGET_DIR="$T/target" cargo rustc -q --release -p gb-enums-bench --lib -- \
  --emit asm -C llvm-args=-x86-asm-syntax=intel
ASM="$(ls -t "$T"/target/release/deps/gb_enums_bench-*.s | head -1)"

# label KEY FN: the label of probe::KEY::FN's code. rustc merges functions whose code is
# identical (`-Z merge-functions`, on by default): such a probe is `sym = other`, and its
# label is the other's.
label() {
  awk -v sym="5probe${#1}${1}${#2}${2}17h" '
    /^_ZN/ && index($0, sym) > 0 {
      if ($2 == "=") { print $3 } else { sub(/:$/, "", $1); print $1 }
      exit
    }' "$ASM"
}

# code LABEL: the instructions under LABEL, normalized; a body that is only a tail call
# (`jmp` to another function, as when a probe forwards to a `FromStr` that was not inlined)
# is replaced by the callee's.
code() {
  local raw
  raw="$(awk -v lab="$1:" '
    $0 == lab { on = 1; next }
    on && /\.cfi_endproc/ { exit }
    on && /^[ \t]+[a-z]/ { print }' "$ASM")"
  if [ "$(printf '%s\n' "$raw" | wc -l)" = 1 ] && [[ "$raw" =~ jmp[[:space:]]+(qword\ ptr\ \[rip\ \+\ )?(_ZN[^]@[:space:]]+) ]]; then
    code "${BASH_REMATCH[2]}"
    return
  fi
  printf '%s\n' "$raw" |
    sed -E 's/\.L(BB|JTI|CPI)[0-9]+_[0-9]+/.L\1/g; s/17h[0-9a-f]{16}E/E/g;
            s/\.Lanon\.[0-9a-f]+\.[0-9]+/.Lanon/g; s/(gb|hand|stack)(\.\.|::)/IMPL\2/g;
            s/[0-9]+(gb|hand|stack)[0-9]/IMPL/g'
}

printf '| enum | operation | gb | hand | stack | gb = hand | gb = stack |\n| --- | --- | --- | --- | --- | --- | --- |\n'
for key in channel_type message_role message_type llm_provider task_status task_priority \
  execution_mode risk_level approval_status intent_type memory_type sync_status; do
  for op in from_value from_name name display; do
    for imp in gb hand stack; do
      label "$key" "${imp}_$op" >"$T/$imp.label"
      code "$(cat "$T/$imp.label")" >"$T/$imp.s"
    done
    row="| $key | $op | $(wc -l <"$T/gb.s") | $(wc -l <"$T/hand.s") | $(wc -l <"$T/stack.s")"
    for alt in hand stack; do
      if cmp -s "$T/gb.label" "$T/$alt.label"; then row="$row | same (merged)"
      elif cmp -s "$T/gb.s" "$T/$alt.s"; then row="$row | same"
      else row="$row | differs"; fi
    done
    echo "$row |"
    if [ "$VERBOSE" = -v ]; then
      for alt in hand stack; do
        cmp -s "$T/gb.s" "$T/$alt.s" || { echo "--- gb vs $alt: $key $op"; diff "$T/gb.s" "$T/$alt.s" || true; }
      done
    fi
  done
done
