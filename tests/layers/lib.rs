//! Tests only: see `tests/`, and the README's snippets below.

/// Every Rust snippet of `README.md`, compiled and run as a doctest of this crate
/// (`cargo test -p gb-enums-layers-tests --doc`), so that the README cannot drift from the
/// code. It lives here, not in `gb-enums-tests`, because this crate has every database layer
/// the README shows (Diesel, sqlx, SeaORM) and no trybuild cases to slow down. Setup lines are
/// hidden in the README with `# `; `tests/tests/readme.rs` checks that no snippet opts out
/// (`ignore`, `no_run`, `compile_fail` or a fence rustdoc would skip). `registry!()` in a
/// snippet finds the repository's `schema.toml` (the nearest one upward from `tests/layers/`);
/// `query!`/`query_as!` read the committed offline data in `.sqlx/` (see `sqlx.toml`).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub mod readme {}
