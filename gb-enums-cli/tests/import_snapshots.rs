//! `gb-enums import` on SQL in every supported form: the registry it prints (and the notes
//! it writes to stderr) are compared with committed snapshots, and every registry must be
//! valid. `UPDATE_SNAPSHOTS=1` rewrites the snapshots; review them with `git diff`.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_support::assert_snapshot;
use gb_enums_codegen::{parse_registry, Registry, Source};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// Runs `gb-enums import FILES...` in the fixture directory, so that messages name the files
/// as given.
fn import(files: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .current_dir(fixtures())
        .arg("import")
        .args(files)
        .output()
        .unwrap()
}

/// The registry printed by a successful import, checked to be valid.
fn imported(files: &[&str]) -> (String, String, Registry) {
    let out = import(files);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "import {files:?} failed:\n{stderr}");
    let registry = parse_registry(Source::new("imported.toml", stdout.as_str()))
        .unwrap_or_else(|e| panic!("import {files:?} printed an invalid registry:\n{e}\n{stdout}"));
    (stdout, stderr, registry)
}

/// Imports one fixture and compares stdout and stderr with `snapshots/import/NAME.{toml,stderr}`.
fn snapshot(name: &str) -> Registry {
    let (stdout, stderr, registry) = imported(&[&format!("{name}.sql")]);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/import");
    assert_snapshot(&dir.join(format!("{name}.toml")), &stdout);
    assert_snapshot(&dir.join(format!("{name}.stderr")), &stderr);
    registry
}

fn names(r: &Registry, key: &str) -> Vec<(i16, String, Vec<String>)> {
    let e = r
        .enum_by_key(key)
        .unwrap_or_else(|| panic!("no enum {key}"));
    e.variants
        .iter()
        .map(|v| {
            (
                v.value.value,
                v.name.value.clone(),
                v.aliases.iter().map(|a| a.value.clone()).collect(),
            )
        })
        .collect()
}

fn binding(r: &Registry, table: &str, column: &str) -> (String, Option<String>) {
    let t = r
        .tables
        .iter()
        .find(|t| t.name.value == table)
        .unwrap_or_else(|| panic!("no table {table}"));
    let c = t
        .columns
        .iter()
        .find(|c| c.name.value == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    (
        c.enum_key.value.clone(),
        c.default.as_ref().map(|d| d.value.clone()),
    )
}

fn v(value: i16, name: &str, aliases: &[&str]) -> (i16, String, Vec<String>) {
    (
        value,
        name.to_owned(),
        aliases.iter().map(|a| a.to_string()).collect(),
    )
}

#[test]
fn inline_checks() {
    let r = snapshot("inline_checks");
    assert_eq!(names(&r, "status")[5], v(5, "completed", &[]));
    assert_eq!(
        binding(&r, "auto_tasks", "status"),
        ("status".into(), Some("pending".into()))
    );
    assert_eq!(
        binding(&r, "auto_tasks", "priority"),
        ("priority".into(), Some("normal".into()))
    );
}

#[test]
fn table_constraints_in_every_form() {
    let r = snapshot("table_constraints");
    assert_eq!(
        names(&r, "message_type"),
        [v(0, "text", &[]), v(1, "image", &[]), v(2, "audio", &[])]
    );
    assert_eq!(names(&r, "role").len(), 4);
    // `lower(channel) IN (...)`, and the default 'Web' found ignoring case.
    assert_eq!(
        binding(&r, "messages", "channel"),
        ("channel".into(), Some("web".into()))
    );
    assert_eq!(
        names(&r, "sender")[2],
        v(2, "system_user", &["system user"])
    );
}

#[test]
fn enum_types_and_domains() {
    let r = snapshot("enum_types");
    let mode = names(&r, "execution_mode");
    let order: Vec<&str> = mode.iter().map(|m| m.1.as_str()).collect();
    assert_eq!(order, ["supervised", "manual", "autonomous", "dry_run"]);
    assert_eq!(
        binding(&r, "bots", "default_mode"),
        ("execution_mode".into(), Some("autonomous".into()))
    );
    assert_eq!(names(&r, "llm_provider")[0], v(0, "open_ai", &["OpenAI"]));
    assert_eq!(
        binding(&r, "auto_tasks", "state"),
        ("session_state".into(), Some("idle".into()))
    );
}

#[test]
fn migration_history_is_replayed() {
    let r = snapshot("migration_history");
    assert_eq!(
        names(&r, "status"),
        [
            v(0, "new", &[]),
            v(1, "in_progress", &[]),
            v(2, "done", &[])
        ]
    );
    assert_eq!(
        binding(&r, "tasks", "status"),
        ("status".into(), Some("in_progress".into()))
    );
    assert_eq!(r.tables.len(), 1);
}

#[test]
fn later_columns_renamed_values_and_create_table_as_are_read() {
    let r = snapshot("later_columns");
    // ADD VALUE ... AFTER / BEFORE and RENAME VALUE, in the order PostgreSQL keeps them.
    assert_eq!(
        names(&r, "community_visibility"),
        [
            v(0, "unlisted", &["Unlisted"]),
            v(1, "public", &["Public"]),
            v(2, "private", &["Private"]),
            v(3, "local_only_public", &["LocalOnlyPublic"]),
        ]
    );
    // ADD COLUMN with a type, with an inline CHECK, and with a CHECK added in the same ALTER.
    assert_eq!(
        binding(&r, "community", "visibility"),
        ("community_visibility".into(), Some("public".into()))
    );
    assert_eq!(binding(&r, "community", "state").0, "state");
    assert_eq!(binding(&r, "community", "kind").0, "kind");
    // CREATE TABLE ... AS SELECT: a selected column keeps its type (aliases and `*` too); a
    // CHECK is not copied, nor is a column cast to text.
    assert_eq!(
        binding(&r, "community_archive", "visibility"),
        ("community_visibility".into(), None)
    );
    assert_eq!(
        binding(&r, "community_copy", "visibility"),
        ("community_visibility".into(), None)
    );
    let archive = r
        .tables
        .iter()
        .find(|t| t.name.value == "community_archive")
        .unwrap();
    assert_eq!(archive.columns.len(), 1);
    assert!(r.tables.iter().all(|t| t.name.value != "community_names"));
}

#[test]
fn shared_sets_become_one_enum_and_clashing_keys_are_told_apart() {
    let r = snapshot("shared_and_clashing");
    assert_eq!(binding(&r, "jobs", "status").0, "jobs_status");
    assert_eq!(binding(&r, "imports", "state").0, "jobs_status");
    assert_eq!(binding(&r, "invoices", "status").0, "invoices_status");
    assert_eq!(names(&r, "kind")[0], v(0, "app_create", &["APP_CREATE"]));
    assert_eq!(names(&r, "kind")[2], v(2, "user_login", &["UserLogin"]));
    let kind = r.enum_by_key("kind").unwrap();
    assert_eq!(kind.variants[4].rust_name.value, "SelfValue");
}

#[test]
fn unusable_statements_are_noted_and_skipped() {
    let (_, stderr, r) = imported(&["unusable.sql"]);
    snapshot("unusable");
    assert!(
        stderr
            .contains("warning: unusable.sql:9:1: skipped a statement the SQL parser cannot read"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: unusable.sql:5:3: skipped CHECK on payments: its values are not strings"
        ),
        "{stderr}"
    );
    // The GRANT and the function are not about values: no note for them.
    assert!(
        !stderr.contains("unusable.sql:10:") && !stderr.contains("unusable.sql:11:"),
        "{stderr}"
    );
    assert_eq!(binding(&r, "payments", "state").0, "state");
}

#[test]
fn real_pg_dump_output() {
    let r = snapshot("pg_dump");
    assert_eq!(
        binding(&r, "auto_tasks", "status"),
        ("status".into(), Some("pending".into()))
    );
    // `jobs.state` lists the same values in another order: the same enum.
    assert_eq!(binding(&r, "jobs", "state").0, "status");
    assert_eq!(
        binding(&r, "auto_tasks", "mode"),
        ("execution_mode".into(), Some("supervised".into()))
    );
    assert_eq!(names(&r, "kind")[2], v(2, "user_login", &["UserLogin"]));
    assert_eq!(binding(&r, "messages", "channel").0, "channel");
}

#[test]
fn several_files_are_read_in_order() {
    let (stdout, _, r) = imported(&["inline_checks.sql", "migration_history.sql"]);
    assert!(stdout.starts_with(
        "# Imported by `gb-enums import` from inline_checks.sql, migration_history.sql.\n"
    ));
    // Both files bind a column `status` to different values: each enum is named after its table.
    assert_eq!(binding(&r, "auto_tasks", "status").0, "auto_tasks_status");
    assert_eq!(binding(&r, "tasks", "status").0, "tasks_status");
}

#[test]
fn output_is_deterministic() {
    let first = import(&["pg_dump.sql", "shared_and_clashing.sql"]);
    for _ in 0..3 {
        let again = import(&["pg_dump.sql", "shared_and_clashing.sql"]);
        assert_eq!(again.stdout, first.stdout);
        assert_eq!(again.stderr, first.stderr);
    }
}

#[test]
fn a_missing_file_is_a_usage_error_naming_it() {
    let out = import(&["inline_checks.sql", "missing.sql"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: missing.sql: SQL file not found"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_file_of_garbage_is_noted_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("garbage.sql");
    std::fs::write(
        &path,
        "\u{feff} CHECK (( ;; 'unterminated \\ $$ \n CREATE TABLE t (s text CHECK (s IN ('a'",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .arg("import")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("warning: "), "{stderr}");
    assert!(
        stderr.contains("found no CHECK list of values and no enum type"),
        "{stderr}"
    );
}

/// Runs `gb-enums import` on one file holding `sql`.
fn import_bytes(sql: &[u8]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("in.sql"), sql).unwrap();
    Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .current_dir(dir.path())
        .args(["import", "in.sql"])
        .output()
        .unwrap()
}

#[test]
fn non_utf8_input_is_a_located_error_and_prints_nothing() {
    let out = import_bytes(b"CREATE TABLE t (\n  s text CHECK (s IN ('a', 'caf\xe9'))\n);\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "error: in.sql:2:32: invalid UTF-8; a SQL file is UTF-8 text; convert the file first"
        ),
        "{stderr}"
    );
}

/// The fuzz findings, through the command: the printed registry is valid.
#[test]
fn names_with_control_characters_and_renames_onto_used_names_still_import() {
    let sql = "CREATE TABLE \"bad\u{1}name\" (s text CHECK (s IN ('x', 'y')));\n\
               CREATE TABLE t (a text CHECK (a IN ('x', 'y')), b text CHECK (b IN ('p', 'q')));\n\
               ALTER TABLE t RENAME COLUMN a TO b;\n\
               ALTER TABLE t ADD CHECK (b IN ('x', 'y'));\n";
    let out = import_bytes(sql.as_bytes());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let r = parse_registry(Source::new("imported.toml", stdout.as_str()))
        .unwrap_or_else(|e| panic!("invalid registry:\n{e}\n{stdout}"));
    assert_eq!(binding(&r, "t", "b").0, "s");
    assert!(stdout.contains("# bad name.s: CHECK"), "{stdout}");
}
