//! `tests/fixtures/app`: a crate outside the workspace (its own `[workspace]` table) that
//! depends on gb-enums by path alone and uses `registry!()` and `#[derive(GbEnum)]` with its
//! own `schema.toml`, built and run with cargo as an application would be.

use std::path::PathBuf;
use std::sync::Mutex;

use gb_enums_tests::fixture::{cargo, copy_workspace_lock, fixture_target, run_ok};
use gb_enums_tests::workspace_root;

/// Both tests build the same crate in place (its `Cargo.lock` is written for it): one at a
/// time.
static IN_PLACE: Mutex<()> = Mutex::new(());

fn app_dir() -> PathBuf {
    let dir = workspace_root().join("tests/fixtures/app");
    copy_workspace_lock(&dir);
    dir
}

#[test]
fn the_fixture_app_builds_and_prints_what_its_registry_says() {
    let _one_at_a_time = IN_PLACE.lock().unwrap_or_else(|p| p.into_inner());
    let dir = app_dir();
    let out = run_ok(
        cargo()
            .args(["run", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .env(
                "CARGO_TARGET_DIR",
                fixture_target(env!("CARGO_TARGET_TMPDIR")),
            ),
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let expected = [
        "level: count=5 all=[lowest=-2 low=-1 normal=0 high=5 highest=6]",
        "level default: normal",
        "level LOW: low",
        "level 3: unknown level value 3",
        "signal 9: unknown(9) = 9",
        "shade: [light=10 dark=20] hand: [light=10 dark=20]",
        "door: [closed=0 open=1] 7: unknown(7)",
        "door opened: Open = Open",
    ];
    assert_eq!(stdout.lines().collect::<Vec<_>>(), expected);
}

/// Code that uses the macros passes `cargo clippy -- -D warnings` (the fixture also denies
/// `warnings` and `missing_docs` itself, so its plain build checks rustc's lints).
#[test]
fn clippy_finds_nothing_to_say_about_the_expansion() {
    let _one_at_a_time = IN_PLACE.lock().unwrap_or_else(|p| p.into_inner());
    let dir = app_dir();
    run_ok(
        cargo()
            .args(["clippy", "--quiet", "--all-targets", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .args(["--", "-D", "warnings"])
            .env(
                "CARGO_TARGET_DIR",
                fixture_target(env!("CARGO_TARGET_TMPDIR")),
            ),
    );
}
