//! The generated TypeScript type-checks with `tsc --strict --noEmit`, for the shipped
//! registry, the awkward one and the front-end one (keyword names, `*/` and quotes in
//! descriptions, shadowed globals), together with a usage file per registry
//! (`tests/frontend/*.usage.ts`) whose `@ts-expect-error` lines prove that a wrong name or
//! number is rejected; the usage files are then compiled and run with node, so the runtime
//! constants hold what the registry says.
//!
//! Needs the npm package `typescript` (see `cli_support::node`).

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::node::node_modules_with;
use cli_support::{awkward, fixture, read, registry, shipped};
use gb_enums_codegen::render::typescript;
use gb_enums_codegen::Registry;

const TSC: &str = "typescript/bin/tsc";

fn usage(name: &str) -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/frontend/{name}.usage.ts")))
}

/// Runs tsc in `dir` on `files` with `args`; returns (success, output).
fn tsc(modules: &Path, dir: &Path, args: &[&str], files: &[&str]) -> (bool, String) {
    let out = Command::new("node")
        .arg(modules.join(TSC))
        .args(["--strict", "--target", "es2022", "--module", "commonjs"])
        .args(args)
        .args(files)
        .current_dir(dir)
        .output()
        .expect("node runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// A temporary directory with `enums.ts` generated from `r` and the given other files.
fn project(r: &Registry, files: &[(&str, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("enums.ts"),
        typescript::render(r, "schema.toml").unwrap(),
    )
    .unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Type-checks the module with its usage file, then compiles and runs the usage file.
fn check_and_run(r: &Registry, usage_name: &str, test: &str) {
    let Some(modules) = node_modules_with(TSC, test) else {
        return;
    };
    let file = format!("{usage_name}.usage.ts");
    let dir = project(r, &[(&file, usage(usage_name))]);
    let (ok, text) = tsc(&modules, dir.path(), &["--noEmit"], &["enums.ts", &file]);
    assert!(ok, "tsc --strict --noEmit failed:\n{text}");

    let (ok, text) = tsc(
        &modules,
        dir.path(),
        &["--outDir", "out"],
        &["enums.ts", &file],
    );
    assert!(ok, "tsc failed to emit:\n{text}");
    let out = Command::new("node")
        .arg(format!("out/{usage_name}.usage.js"))
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("{file}: ok\n")
    );
}

#[test]
fn shipped_typescript_type_checks_and_rejects_wrong_values() {
    check_and_run(&shipped(), "shipped", "shipped_typescript");
}

#[test]
fn frontend_typescript_type_checks_and_rejects_wrong_values() {
    let r = registry("frontend.toml", &read(&fixture("frontend.toml")));
    check_and_run(&r, "frontend", "frontend_typescript");
}

/// Rust type names that are fine in TypeScript but could break code that names them: globals
/// (`Record`, `Array`, `Number`...), a name a mapped type parameter would capture (`K`), the
/// parameter of `is` (`x`), contextual keywords that are not reserved (`of`, `get`, `from`).
const SHADOWING: &[&str] = &[
    "K",
    "x",
    "key",
    "value",
    "Array",
    "Record",
    "Promise",
    "Symbol",
    "JSON",
    "Math",
    "Function",
    "Infinity",
    "NaN",
    "globalThis",
    "console",
    "of",
    "get",
    "from",
    "module",
    "require",
];

fn shadowing_registry() -> Registry {
    let mut text = String::new();
    for (i, name) in SHADOWING.iter().enumerate() {
        let form = ["name", "value"][i % 2];
        let open = i % 3 == 0;
        text += &format!(
            "[enums.e{i}]\nrust = \"{name}\"\nserde = \"{form}\"\nopen = {open}\nvariants = [\n  \
             {{ value = -1, name = \"includes\", description = \"a\", deprecated = \"b\" }},\n  \
             {{ value = 2, name = \"all\", description = \"c\" }},\n]\n"
        );
    }
    registry("shadowing.toml", &text)
}

#[test]
fn awkward_and_shadowing_typescript_type_checks() {
    let Some(modules) = node_modules_with(TSC, "awkward_typescript") else {
        return;
    };
    let shadowing = typescript::render(&shadowing_registry(), "shadowing.toml").unwrap();
    let dir = project(&awkward(), &[("shadowing.ts", shadowing)]);
    let (ok, text) = tsc(
        &modules,
        dir.path(),
        &["--noEmit"],
        &["enums.ts", "shadowing.ts"],
    );
    assert!(ok, "tsc --strict --noEmit failed:\n{text}");
}

/// The checks above can fail: tsc rejects a wrong name and a wrong number without
/// `@ts-expect-error`, and rejects an `@ts-expect-error` with nothing to expect.
#[test]
fn tsc_rejects_what_the_usage_files_expect_it_to() {
    let Some(modules) = node_modules_with(TSC, "tsc_rejects") else {
        return;
    };
    let r = registry("frontend.toml", &read(&fixture("frontend.toml")));
    let cases = [
        ("import { Keyword } from \"./enums\";\nexport const k: Keyword = \"var\";\n", "(2,14): error TS2322"),
        ("import { Record } from \"./enums\";\nexport const r: Record = 1;\n", "(2,14): error TS2322"),
        ("import { Record } from \"./enums\";\nexport const r: Record = \"minus\";\n", "(2,14): error TS2322"),
        (
            "import { Keyword } from \"./enums\";\n// @ts-expect-error\nexport const k: Keyword = \"class\";\n",
            "(2,1): error TS2578",
        ),
    ];
    // One tsc run for all (each run costs seconds): every file must have its own error.
    let files: Vec<(String, String)> = cases
        .iter()
        .enumerate()
        .map(|(i, (text, _))| (format!("bad{i}.ts"), text.to_string()))
        .collect();
    let dir = project(
        &r,
        &files
            .iter()
            .map(|(n, t)| (n.as_str(), t.clone()))
            .collect::<Vec<_>>(),
    );
    let mut names = vec!["enums.ts"];
    names.extend(files.iter().map(|(n, _)| n.as_str()));
    let (ok, out) = tsc(&modules, dir.path(), &["--noEmit"], &names);
    assert!(!ok);
    for ((name, text), (_, error)) in files.iter().zip(&cases) {
        assert!(out.contains(&format!("{name}{error}")), "{text}\n{out}");
    }
    assert_eq!(out.matches("error TS").count(), cases.len(), "{out}");
}
