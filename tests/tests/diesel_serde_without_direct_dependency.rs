//! An application that depends on gb-enums alone compiles the Diesel and serde impls of its
//! enums: the generated code reaches both crates through gb-enums' re-exports.
//!
//! `tests/fixtures/app` (a crate outside the workspace, see `fixture_app.rs`) is checked with
//! clippy, warnings denied, with the `serde`, `diesel` and backend features of gb-enums on.
//! The backends are PostgreSQL and MySQL because their Diesel backend types link no client
//! library (gb-enums enables diesel's `postgres_backend`/`mysql_backend`), so the check needs
//! nothing installed.

use gb_enums_tests::fixture::{cargo, copy_workspace_lock, fixture_target, run_ok};
use gb_enums_tests::workspace_root;

#[test]
fn the_fixture_app_compiles_diesel_and_serde_impls_without_depending_on_them() {
    let dir = workspace_root().join("tests/fixtures/app");
    let manifest =
        std::fs::read_to_string(dir.join("Cargo.toml")).expect("reads the fixture's manifest");
    let dependencies = manifest
        .split("[dependencies]")
        .nth(1)
        .expect("a [dependencies] table");
    let dependencies = dependencies.split("\n[").next().unwrap_or_default();
    let names: Vec<&str> = dependencies
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('=').next().map(str::trim))
        .collect();
    assert_eq!(
        names,
        ["gb-enums"],
        "the proof needs an application without diesel or serde"
    );

    copy_workspace_lock(&dir);
    run_ok(
        cargo()
            .args(["clippy", "--quiet", "--all-targets", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args([
                "--features",
                "gb-enums/serde,gb-enums/diesel,gb-enums/postgres,gb-enums/mysql",
            ])
            .args(["--", "-D", "warnings"])
            // Its own target directory: other features would rebuild the one of
            // fixture_app.rs every time the two tests alternate.
            .env(
                "CARGO_TARGET_DIR",
                fixture_target(env!("CARGO_TARGET_TMPDIR")).join("integrations"),
            ),
    );
}
