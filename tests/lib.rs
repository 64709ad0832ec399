//! Helpers shared by the cross-crate tests in `tests/tests/`.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Whether tests must not skip for a missing service (`CI=true`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

pub mod fixture;
pub mod frontend;

/// Every Rust snippet of `README.md`, compiled and run as a doctest of this crate
/// (`cargo test -p gb-enums-tests --doc`), so that the README cannot drift from the code.
/// Setup lines are hidden in the README with `# `; `tests/tests/readme.rs` checks that no
/// snippet opts out (`ignore`, `no_run`, `compile_fail` or a fence rustdoc would skip).
/// Registry paths in snippets resolve from this crate's directory, `tests/`: `registry!()`
/// finds the repository's `schema.toml`.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub mod readme {}
