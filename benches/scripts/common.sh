# Shared by the build-time scripts: paths, the generator, crate writers and a timer.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUTER_TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
# Each script builds its crates in its own workspace with its own target directory under
# this one, so that nothing it measures shares a build with the repository's.
BENCH_DIR="$OUTER_TARGET/bench-build"
GEN="$OUTER_TARGET/release/gb-enums-bench-gen"

build_gen() {
  (cd "$ROOT" && CARGO_TARGET_DIR="$OUTER_TARGET" cargo build --release -q -p gb-enums-bench --bin gb-enums-bench-gen)
}

# write_workspace DIR MEMBER...: a workspace that pins the repository's Cargo.lock, so that
# every crate is built with the same dependency versions as the repository.
write_workspace() {
  local dir="$1"; shift
  mkdir -p "$dir"
  local members=""
  for m in "$@"; do members="$members\"$m\", "; done
  cat >"$dir/Cargo.toml" <<EOF
[workspace]
resolver = "2"
members = [${members%, }]
EOF
  cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}

# write_gb_crate DIR REGISTRY: a crate whose whole source is `registry!` of a copy of REGISTRY,
# with gb-enums' serde, diesel and postgres features.
write_gb_crate() {
  local dir="$1" registry="$2"
  mkdir -p "$dir/src"
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$(basename "$dir")"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
gb-enums = { path = "$ROOT/gb-enums", features = ["serde", "diesel", "postgres"] }
EOF
  cp "$registry" "$dir/schema.toml"
  "$GEN" gb schema.toml >"$dir/src/lib.rs"
}

# write_alt_crate DIR KIND REGISTRY: the same enums written the other way (KIND: stack or hand),
# in src/enums.rs, with the dependencies that code needs.
write_alt_crate() {
  local dir="$1" kind="$2" registry="$3"
  mkdir -p "$dir/src"
  local strum="" num_enum=""
  if [ "$kind" = stack ]; then
    strum='strum = { version = "0.27", features = ["derive"] }'
    num_enum='num_enum = "0.7"'
  fi
  cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$(basename "$dir")"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
diesel = { version = "2.3", default-features = false, features = ["postgres"] }
serde = { version = "1", features = ["derive"] }
$strum
$num_enum
EOF
  printf '#![allow(missing_docs)]\nmod enums;\npub use enums::*;\n' >"$dir/src/lib.rs"
  "$GEN" "$kind" "$registry" "$(basename "$registry")" >"$dir/src/enums.rs"
}

# seconds CMD...: runs CMD quietly and prints how long it took, in seconds.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>"$BENCH_DIR/last-stderr" || { cat "$BENCH_DIR/last-stderr" >&2; return 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}
