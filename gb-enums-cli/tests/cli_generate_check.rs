//! `gb-enums generate` and `gb-enums check` on a copy of the repository's registry: missing,
//! written, current, stale after an edit, and the errors that stop both.

mod cli_support;

use std::path::Path;

use cli_support::{copy_from_workspace, gb_enums, read, replace_once, run, workspace_root};

const OUTPUTS: [&str; 8] = [
    "docs/enum-reference.md",
    "sql/enums.postgres.sql",
    "sql/enums.sqlite.sql",
    "sql/enums.mysql.sql",
    "web/src/enums.ts",
    "api/enums.schema.json",
    "examples/tasks/sql/indexes.postgres.sql",
    "examples/tasks/sql/indexes.sqlite.sql",
];

/// A temporary copy of the registry and the templates it renders, without any output.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_from_workspace(
        dir.path(),
        &[
            "schema.toml",
            "examples/tasks/sql/indexes.postgres.sql.tmpl",
            "examples/tasks/sql/indexes.sqlite.sql.tmpl",
        ],
    );
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    std::fs::write(&path, replace_once(&read(&path), from, to)).unwrap();
}

fn stale(file: &str) -> String {
    format!(
        "error: {file}: stale: differs from what schema.toml generates; run `gb-enums generate`\n"
    )
}

#[test]
fn generate_writes_what_check_verifies_and_follows_edits() {
    let dir = copy();
    let root = dir.path();

    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 1);
    let missing: String = OUTPUTS
        .iter()
        .map(|f| format!("error: {f}: missing; run `gb-enums generate`\n"))
        .collect();
    assert_eq!(
        r.stderr,
        format!("{missing}8 of 8 outputs of schema.toml are not current\n")
    );

    let r = run(gb_enums(root).arg("generate"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let wrote: String = OUTPUTS.iter().map(|f| format!("wrote {f}\n")).collect();
    assert_eq!(r.stderr, wrote);
    // Byte-identical to the committed outputs, generated on another machine and path.
    for f in OUTPUTS {
        assert_eq!(read(&root.join(f)), read(&workspace_root().join(f)), "{f}");
    }
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "schema.toml is valid; 8 outputs are current\n")
    );

    // A second run rewrites nothing.
    let mtimes: Vec<_> = OUTPUTS
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).unwrap().modified().unwrap())
        .collect();
    let r = run(gb_enums(root).arg("generate"));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "8 of 8 outputs already current\n")
    );
    let after: Vec<_> = OUTPUTS
        .iter()
        .map(|f| std::fs::metadata(root.join(f)).unwrap().modified().unwrap())
        .collect();
    assert_eq!(mtimes, after);

    // A changed description makes the docs, the SQL, the TypeScript and the JSON Schema
    // stale, not the rendered indexes.
    edit(
        root,
        "schema.toml",
        "description = \"Successfully finished\"",
        "description = \"Done | finished\"",
    );
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 1);
    let expected: String = OUTPUTS[..6].iter().map(|f| stale(f)).collect();
    assert_eq!(
        r.stderr,
        format!("{expected}6 of 8 outputs of schema.toml are not current\n")
    );

    // A renumbered value makes the rendered indexes stale too; a deleted output is missing.
    edit(
        root,
        "schema.toml",
        "{ value =  5, name = \"completed\"",
        "{ value = 15, name = \"completed\"",
    );
    std::fs::remove_file(root.join("sql/enums.mysql.sql")).unwrap();
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!(
            "{}{}{}error: sql/enums.mysql.sql: missing; run `gb-enums generate`\n{}{}{}{}8 of 8 outputs of schema.toml are not current\n",
            stale(OUTPUTS[0]),
            stale(OUTPUTS[1]),
            stale(OUTPUTS[2]),
            stale(OUTPUTS[4]),
            stale(OUTPUTS[5]),
            stale(OUTPUTS[6]),
            stale(OUTPUTS[7]),
        )
    );

    let r = run(gb_enums(root).arg("generate"));
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, wrote);
    assert!(
        read(&root.join("examples/tasks/sql/indexes.postgres.sql")).contains("WHERE status < 15;")
    );
    assert!(read(&root.join("docs/enum-reference.md"))
        .contains("| 15 | completed | Done \\| finished |"));
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 0, "{}", r.stderr);

    // An edited output is stale until generated again.
    let docs = root.join("docs/enum-reference.md");
    std::fs::write(&docs, read(&docs) + "hand edit\n").unwrap();
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(&stale("docs/enum-reference.md")),
        "{}",
        r.stderr
    );
}

#[test]
fn outputs_are_relative_to_the_registry_not_the_current_directory() {
    let dir = copy();
    let sub = dir.path().join("examples/tasks");
    let r = run(gb_enums(&sub).args(["--registry", "../../schema.toml", "generate"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Shown relative to the current directory when below it, as given otherwise.
    assert!(
        r.stderr.contains("wrote sql/indexes.postgres.sql\n"),
        "{}",
        r.stderr
    );
    for f in OUTPUTS {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    assert!(!sub.join("docs").exists());
    let r = run(gb_enums(&sub).args(["--registry", "../../schema.toml", "check"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn template_errors_stop_generate_and_check_with_exit_2() {
    let dir = copy();
    let root = dir.path();
    edit(
        root,
        "examples/tasks/sql/indexes.sqlite.sql.tmpl",
        "{{ task_status.completed }}",
        "{{ task_status.complete }}",
    );
    edit(
        root,
        "examples/tasks/sql/indexes.sqlite.sql.tmpl",
        "{{ approval_status.pending }}",
        "{{ aproval_status.pending }}",
    );
    for verb in ["generate", "check"] {
        let r = run(gb_enums(root).arg(verb));
        assert_eq!(r.code, 2, "{verb}");
        assert_eq!(
            r.stderr,
            "error: examples/tasks/sql/indexes.sqlite.sql.tmpl:7:35: enum task_status has no variant `complete`; did you \
             mean `completed`?\n\
             error: examples/tasks/sql/indexes.sqlite.sql.tmpl:11:23: unknown enum `aproval_status`; did you mean \
             `approval_status`?\n",
            "{verb}"
        );
    }
    // Nothing was written.
    for f in OUTPUTS {
        assert!(!root.join(f).exists(), "{f}");
    }

    std::fs::remove_file(root.join("examples/tasks/sql/indexes.sqlite.sql.tmpl")).unwrap();
    let r = run(gb_enums(root).arg("check"));
    assert_eq!(r.code, 2);
    // Located at the `template` value of the render entry in schema.toml.
    let text = read(&root.join("schema.toml"));
    let needle = "\"examples/tasks/sql/indexes.sqlite.sql.tmpl\"";
    let (line_no, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    let col = line.find(needle).unwrap() + 1;
    assert_eq!(
        r.stderr,
        format!(
            "error: schema.toml:{}:{col}: template `examples/tasks/sql/indexes.sqlite.sql.tmpl` not found (paths in \
             [output] are relative to the registry)\n",
            line_no + 1
        )
    );
}

#[test]
fn conflicting_outputs_and_too_long_names_are_registry_errors() {
    let dir = tempfile::tempdir().unwrap();
    let registry = "\
[enums.a_very_long_enum_key_that_makes_the_lookup_table_name_too_long_x]
variants = [{ value = 0, name = \"a\" }]

[output]
docs = \"out/x.md\"
sql = { postgres = \"out/x.md\", sqlite = \"./out/../schema.toml\" }
";
    std::fs::write(dir.path().join("schema.toml"), registry).unwrap();
    let r = run(gb_enums(dir.path()).arg("generate"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: schema.toml:1:8: the lookup table name \
         `enum_a_very_long_enum_key_that_makes_the_lookup_table_name_too_long_x` of enum \
         a_very_long_enum_key_that_makes_the_lookup_table_name_too_long_x is longer than 63 bytes, which PostgreSQL \
         would cut; shorten the enum key\n"
    );

    std::fs::write(
        dir.path().join("schema.toml"),
        registry.replace("_that_makes_the_lookup_table_name_too_long_x", ""),
    )
    .unwrap();
    let r = run(gb_enums(dir.path()).arg("check"));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: schema.toml:6:20: output `out/x.md` is listed twice in [output]\n\
         error: schema.toml:6:41: output `schema.toml` would overwrite an input of gb-enums\n"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_registry_without_outputs_generates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("schema.toml"),
        "[enums.x]\nvariants = [{ value = 0, name = \"a\" }]\n",
    )
    .unwrap();
    let r = run(gb_enums(dir.path()).arg("generate"));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            "warning: schema.toml: no [output] section, so nothing to generate\n"
        )
    );
    let r = run(gb_enums(dir.path()).arg("check"));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (0, "schema.toml is valid; 0 outputs are current\n")
    );
}

#[test]
fn an_unwritable_output_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let registry =
        "[enums.x]\nvariants = [{ value = 0, name = \"a\" }]\n\n[output]\ndocs = \"taken\"\n";
    std::fs::write(dir.path().join("schema.toml"), registry).unwrap();
    std::fs::create_dir(dir.path().join("taken")).unwrap();
    let r = run(gb_enums(dir.path()).arg("generate"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: taken: cannot write: "),
        "{}",
        r.stderr
    );
    // No temporary file is left behind.
    assert_eq!(names_in(dir.path()), ["schema.toml", "taken"]);
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn migrate_out_writes_both_files_or_neither() {
    let dir = copy();
    let r = run(gb_enums(dir.path()).args(["migrate", "--dialect", "postgres", "--out", "m/1"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(names_in(&dir.path().join("m/1")), ["down.sql", "up.sql"]);
    assert!(!read(&dir.path().join("m/1/up.sql")).is_empty());

    // `down.sql` cannot be written: no `up.sql` (empty or not) and no temporary file.
    std::fs::create_dir_all(dir.path().join("m/2/down.sql/x")).unwrap();
    let r = run(gb_enums(dir.path()).args(["migrate", "--dialect", "postgres", "--out", "m/2"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("error: cannot write the migration to "),
        "{}",
        r.stderr
    );
    assert_eq!(names_in(&dir.path().join("m/2")), ["down.sql"]);
}
