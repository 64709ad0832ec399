//! Compile errors of `registry!` and `#[derive(GbEnum)]`, one UI case per error class, with
//! reviewed `.stderr` files (regenerate with `TRYBUILD=overwrite`, then review the diff).
//!
//! trybuild compiles the cases in a project of its own, `<target>/tests/trybuild/<crate>/`,
//! and that is the `CARGO_MANIFEST_DIR` the macros see. Registry paths in the cases are
//! written relative to this crate's directory (`ui/registry/x.toml`), as an application
//! writes them relative to its own; so the registries are staged at the same relative paths
//! inside trybuild's project, and the messages show the same short, stable paths an
//! application would see.

use gb_enums_tests::fixture::{copy_tree, target_dir};

fn stage_registries() {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let project = target_dir(env!("CARGO_TARGET_TMPDIR"))
        .join("tests/trybuild")
        .join(env!("CARGO_PKG_NAME"));
    let staged = copy_tree(&from, &project.join("ui"), &|p| {
        p.extension().is_some_and(|e| e == "toml")
    });
    assert!(
        staged.len() >= 10,
        "the UI registries were not found under {}",
        from.display()
    );
}

#[test]
fn ui() {
    stage_registries();
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/registry/*.rs");
    t.compile_fail("ui/derive/*.rs");
    t.compile_fail("ui/diesel/*.rs");
    t.compile_fail("ui/adopt/*.rs");
    t.pass("ui/pass/*.rs");
}
