//! Outputs are byte-identical across runs, directories and environments: no timestamps, no
//! absolute paths, no hash-map order (each run is a new process with new hash seeds).

mod cli_support;

use std::path::Path;

use cli_support::{copy_from_workspace, gb_enums, read, run, workspace_root};

const INPUTS: [&str; 3] = [
    "schema.toml",
    "examples/tasks/sql/indexes.postgres.sql.tmpl",
    "examples/tasks/sql/indexes.sqlite.sql.tmpl",
];

fn outputs(root: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["docs", "sql", "examples/tasks/sql", "web/src", "api"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{dir}/{}", name.to_string_lossy());
            if !rel.ends_with(".tmpl") {
                files.push((rel.clone(), read(&root.join(&rel))));
            }
        }
    }
    files
}

#[test]
fn every_verb_prints_the_same_bytes_every_run() {
    let root = workspace_root();
    for args in [
        &["docs"][..],
        &["sql", "--dialect", "postgres"],
        &["sql", "--dialect", "sqlite"],
        &["sql", "--dialect", "mysql"],
        &["render", "examples/tasks/sql/indexes.postgres.sql.tmpl"],
        &["typescript"],
        &["jsonschema"],
    ] {
        let first = run(gb_enums(&root).args(args));
        assert_eq!(first.code, 0, "{args:?}: {}", first.stderr);
        for _ in 0..3 {
            assert_eq!(
                run(gb_enums(&root).args(args)).stdout,
                first.stdout,
                "{args:?}"
            );
        }
    }
}

#[test]
fn generated_files_do_not_depend_on_where_or_when_they_are_generated() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let b_deep = b.path().join("some/deeper path/ünïcödé");
    copy_from_workspace(a.path(), &INPUTS);
    copy_from_workspace(&b_deep, &INPUTS);
    assert_eq!(run(gb_enums(a.path()).arg("generate")).code, 0);
    let r = run(gb_enums(b.path())
        .env("TZ", "Asia/Kathmandu")
        .env("LC_ALL", "C")
        .args([
            "--registry",
            "some/deeper path/ünïcödé/schema.toml",
            "generate",
        ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from_a = outputs(a.path());
    assert_eq!(from_a.len(), 8);
    assert_eq!(from_a, outputs(&b_deep));
    for (rel, text) in &from_a {
        assert!(text.contains("@generated"), "{rel}");
        assert!(
            !text.contains(&*a.path().to_string_lossy()),
            "{rel} names its directory"
        );
    }
}
