//! Editing `schema.toml` makes the next `cargo build` of a crate that uses it see the change:
//! the expansion tells cargo about the file (`include_str!` of its absolute path).

use gb_enums_tests::fixture::{
    cargo, copy_tree, copy_workspace_lock, fixture_target, run_ok, target_dir, write_if_changed,
};
use gb_enums_tests::workspace_root;

#[test]
fn adding_a_variant_to_the_registry_rebuilds_the_crate_that_uses_it() {
    // A copy of the fixture app at a fixed place below the target directory, so that later
    // runs reuse its build; whatever a previous run edited is put back by the copy.
    let dir = target_dir(env!("CARGO_TARGET_TMPDIR")).join("rebuild-app");
    copy_tree(&workspace_root().join("tests/fixtures/app"), &dir, &|_| {
        true
    });
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("the copied Cargo.toml");
    let gb_enums = workspace_root().join("gb-enums");
    let manifest = manifest.replace(
        r#"path = "../../../gb-enums""#,
        &format!("path = {:?}", gb_enums.display().to_string()),
    );
    assert!(
        manifest.contains(&gb_enums.display().to_string()),
        "the path dependency was not rewritten"
    );
    write_if_changed(&dir.join("Cargo.toml"), manifest.as_bytes());
    copy_workspace_lock(&dir);

    let run = || {
        let out = run_ok(
            cargo()
                .args(["run", "--quiet", "--manifest-path"])
                .arg(dir.join("Cargo.toml"))
                // Its own target dir: the copy is a package of the same name as
                // `tests/fixtures/app`, and in a shared one whichever was built last owns
                // the binary `target/debug/app` that `cargo run` of the other would start.
                .env(
                    "CARGO_TARGET_DIR",
                    fixture_target(env!("CARGO_TARGET_TMPDIR")).join("rebuild"),
                ),
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
        stdout.lines().next().unwrap_or_default().to_owned()
    };
    assert_eq!(
        run(),
        "level: count=5 all=[lowest=-2 low=-1 normal=0 high=5 highest=6]"
    );

    let schema = std::fs::read_to_string(dir.join("schema.toml")).expect("the copied schema.toml");
    let highest = r#"  { value =  6, name = "highest", description = "Loudest" },"#;
    assert!(
        schema.contains(highest),
        "the fixture's schema.toml changed: update this test"
    );
    let edited = schema.replace(
        highest,
        &format!("{highest}\n  {{ value = 7, name = \"deafening\" }},"),
    );
    std::fs::write(dir.join("schema.toml"), edited).expect("edit schema.toml");

    assert_eq!(
        run(),
        "level: count=6 all=[lowest=-2 low=-1 normal=0 high=5 highest=6 deafening=7]"
    );
}
