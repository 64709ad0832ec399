//! `gb-enums` builds as `no_std` without its default features, and so does the code both
//! macros generate: `tests/fixtures/no_std` is a `#![no_std]` library (where any use of
//! `std` fails to compile) using them, built with cargo.

use gb_enums_tests::fixture::{cargo, copy_workspace_lock, fixture_target, run_ok};
use gb_enums_tests::workspace_root;

#[test]
fn a_no_std_crate_uses_both_macros() {
    let dir = workspace_root().join("tests/fixtures/no_std");
    copy_workspace_lock(&dir);
    run_ok(
        cargo()
            .args(["build", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env(
                "CARGO_TARGET_DIR",
                fixture_target(env!("CARGO_TARGET_TMPDIR")),
            ),
    );
}
