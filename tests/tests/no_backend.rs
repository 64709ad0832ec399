//! `tests/fixtures/no_backend`: a crate that loads a registry enum through Diesel from
//! PostgreSQL with gb-enums' `diesel` feature on but its `postgres` feature off. The build
//! must fail with the message that names the feature, as reviewed in
//! `tests/fixtures/no_backend/expected.stderr` (`UPDATE_SNAPSHOTS=1` rewrites it).

use gb_enums_tests::fixture::{cargo, copy_workspace_lock, fixture_target};
use gb_enums_tests::workspace_root;

/// The lines of rustc's error up to its last `= note:` about the backend: what the
/// application sees first. The rest (where diesel asks for the bound) depends on diesel's
/// version and is left out.
fn headline(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("error[E0277]"))
        .unwrap_or_else(|| panic!("no E0277 in:\n{stderr}"));
    let end = lines[start..]
        .iter()
        .position(|l| l.starts_with("note: required for"))
        .map_or(lines.len(), |n| start + n);
    let mut out = lines[start..end].join("\n");
    out.push('\n');
    out
}

#[test]
fn a_missing_backend_feature_is_named_in_the_error() {
    let dir = workspace_root().join("tests/fixtures/no_backend");
    copy_workspace_lock(&dir);
    let out = cargo()
        .args(["check", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            fixture_target(env!("CARGO_TARGET_TMPDIR")),
        )
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("run cargo");
    assert!(
        !out.status.success(),
        "the fixture compiled without the `postgres` feature"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let got = headline(&stderr);
    let expected_path = dir.join("expected.stderr");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&expected_path, &got).expect("write expected.stderr");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("read expected.stderr");
    assert_eq!(got, expected, "full stderr:\n{stderr}");
    assert!(
        got.contains("the Diesel backend `Pg` is not enabled in gb-enums"),
        "{got}"
    );
    assert!(got.contains("`postgres` for `Pg`"), "{got}");
}
