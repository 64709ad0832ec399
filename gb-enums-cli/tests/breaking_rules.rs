//! `gb-enums breaking`: one test per rule. Each runs twice, against a file
//! (`--against-file old.toml`) and against a git revision of a temporary repository
//! (`--against HEAD`), and both runs must agree; every message names the line in both files.

mod cli_support;

use std::path::Path;
use std::process::{Command, Output};

use cli_support::replace_once;

const OLD: &str = r#"[enums.task_status]
open = true
default = "pending"
reserved = [9]
variants = [
  { value = 0, name = "pending" },
  { value = 1, name = "running", aliases = ["RUNNING"] },
  { value = 2, name = "done" },
]

[tables.tasks]
status = { enum = "task_status", default = "pending" }
"#;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        // The registry is found from the current directory, whatever the caller exports.
        .env_remove("GB_ENUMS_REGISTRY")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=gb-enums tests",
            "-c",
            "user.email=tests@gb-enums.invalid",
        ])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run git: {e}"));
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose HEAD has `old` at `path`, with `new` in the work tree and `old` also
/// in `old.toml`.
fn repository(path: &str, old: &str, new: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, old).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", path]);
    git(dir.path(), &["commit", "-q", "-m", "old registry"]);
    std::fs::write(&file, new).unwrap();
    std::fs::write(dir.path().join("old.toml"), old).unwrap();
    dir
}

/// `gb-enums breaking` from `old` to `new`: the exit code and stderr of `--against-file
/// old.toml`, after checking that `--against HEAD` says the same about `HEAD:schema.toml`.
fn breaking(old: &str, new: &str) -> (i32, String) {
    let dir = repository("schema.toml", old, new);
    let by_file = run(dir.path(), &["breaking", "--against-file", "old.toml"]);
    let by_git = run(dir.path(), &["breaking", "--against", "HEAD"]);
    let file_err = String::from_utf8(by_file.stderr).unwrap();
    let git_err = String::from_utf8(by_git.stderr).unwrap();
    assert_eq!(
        by_git.status.code(),
        by_file.status.code(),
        "{file_err}\n{git_err}"
    );
    assert_eq!(git_err, file_err.replace("old.toml", "HEAD:schema.toml"));
    assert!(by_file.stdout.is_empty() && by_git.stdout.is_empty());
    (by_file.status.code().unwrap(), file_err)
}

fn passes(old: &str, new: &str) {
    assert_eq!(
        breaking(old, new),
        (0, "no breaking change against old.toml\n".to_owned())
    );
}

#[test]
fn a_value_removed_without_being_reserved() {
    let new = replace_once(OLD, "  { value = 2, name = \"done\" },\n", "");
    assert_eq!(
        breaking(OLD, &new),
        (
            1,
            "error: schema.toml:1:8: value 2 (`done`) was removed from enum task_status without being reserved (it was at old.toml:8:3); add 2 to `reserved` so that it is never reused\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
    // Retired properly: removed and reserved.
    passes(
        OLD,
        &replace_once(&new, "reserved = [9]", "reserved = [9, 2]"),
    );
}

#[test]
fn a_value_renumbered() {
    let new = replace_once(
        OLD,
        "{ value = 2, name = \"done\" }",
        "{ value = 3, name = \"done\" }",
    );
    let new = replace_once(&new, "reserved = [9]", "reserved = [9, 2]");
    assert_eq!(
        breaking(OLD, &new),
        (
            1,
            "error: schema.toml:8:13: `done` of enum task_status was renumbered from 2 to 3 (it was at old.toml:8:13); stored rows still hold 2\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
    // Without reserving the old number it is still one change, reported once (not also as
    // value 2 removed).
    let new = replace_once(
        OLD,
        "{ value = 2, name = \"done\" }",
        "{ value = 3, name = \"done\" }",
    );
    assert_eq!(
        breaking(OLD, &new),
        (
            1,
            "error: schema.toml:8:13: `done` of enum task_status was renumbered from 2 to 3 (it was at old.toml:8:13); stored rows still hold 2\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
}

#[test]
fn a_name_changed_without_keeping_the_old_one_as_an_alias() {
    let new = replace_once(OLD, "name = \"done\"", "name = \"finished\"");
    assert_eq!(
        breaking(OLD, &new),
        (
            1,
            "error: schema.toml:8:23: value 2 of enum task_status was renamed from `done` to `finished` without keeping `done` as an alias (it was at old.toml:8:23); add `aliases = [\"done\"]` so that stored names and clients still parse\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
    passes(
        OLD,
        &replace_once(
            OLD,
            "name = \"done\"",
            "name = \"finished\", aliases = [\"done\"]",
        ),
    );
}

#[test]
fn a_reserved_value_reused_or_unreserved() {
    let reused = replace_once(OLD, "reserved = [9]\n", "");
    let reused = replace_once(
        &reused,
        "  { value = 2, name = \"done\" },\n",
        "  { value = 2, name = \"done\" },\n  { value = 9, name = \"archived\" },\n",
    );
    assert_eq!(
        breaking(OLD, &reused),
        (
            1,
            "error: schema.toml:8:13: value 9 of enum task_status is reserved (at old.toml:4:13) and may never be used again, but `archived` uses it; give it another number\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
    let unreserved = replace_once(OLD, "reserved = [9]", "reserved = []");
    assert_eq!(
        breaking(OLD, &unreserved),
        (
            1,
            "error: schema.toml:1:8: value 9 of enum task_status is no longer reserved (it was at old.toml:4:13); keep it in `reserved` so that it is never reused\n\
             1 breaking change against old.toml\n"
                .to_owned()
        )
    );
}

#[test]
fn an_enum_removed_while_still_bound() {
    let tables = "\n[tables.tasks]\nstatus = { enum = \"task_status\", default = \"pending\" }\n";
    let new = "[enums.priority]\nvariants = [{ value = 0, name = \"low\" }]\n".to_owned() + tables;
    // The new registry is invalid as well (an unknown enum): both are said, and the breaking
    // change decides the exit code.
    let (code, stderr) = breaking(OLD, &new);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines[0].starts_with("error: schema.toml:5:19: unknown enum `task_status`"),
        "{stderr}"
    );
    assert_eq!(
        lines[1],
        "error: schema.toml:5:19: enum task_status was removed (it was at old.toml:1:8) but column tasks.status is still bound to it; its rows hold values of task_status"
    );
    assert_eq!(lines[2], "1 breaking change against old.toml");
    // Removed together with its column: stored rows outlive the registry entry, so it is
    // breaking unless the key is listed as retired.
    let gone = "[enums.priority]\nvariants = [{ value = 0, name = \"low\" }]\n";
    let (code, stderr) = breaking(OLD, gone);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: schema.toml: enum task_status was removed (it was at old.toml:1:8) together with column tasks.status bound to it (at old.toml:12:1); its stored rows still hold values of task_status: keep the enum, or once the column is dropped or converted, list it as retired: `retired = [\"task_status\"]`\n\
         1 breaking change against old.toml\n"
    );
    let retired = format!("retired = [\"task_status\"]\n\n{gone}");
    passes(OLD, &retired);

    // A retired key stays retired and is never defined again.
    let (code, stderr) = breaking(&retired, gone);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "error: schema.toml: `task_status` is no longer listed in `retired` (it was at old.toml:1:12); keep it there so that the key is never reused\n\
         1 breaking change against old.toml\n"
    );
    let reused = "[enums.task_status]\nvariants = [{ value = 0, name = \"x\" }]\n";
    let (code, stderr) = breaking(&retired, reused);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "error: schema.toml:1:8: enum key `task_status` was retired (at old.toml:1:12) and may never be used again, but enum task_status is defined; choose another key\n"
        ),
        "{stderr}"
    );
}

#[test]
fn an_enum_made_closed_after_being_open() {
    for closed in [
        replace_once(OLD, "open = true", "open = false"),
        replace_once(OLD, "open = true\n", ""),
    ] {
        let (code, stderr) = breaking(OLD, &closed);
        assert_eq!(code, 1);
        assert!(
            stderr.contains("enum task_status was made closed (it was open at old.toml:2:8); rows written by the open version may hold values this one rejects\n"),
            "{stderr}"
        );
    }
    // Opening a closed enum is fine.
    passes(&replace_once(OLD, "open = true", "open = false"), OLD);
}

#[test]
fn a_changed_default_is_a_warning() {
    let new = replace_once(
        OLD,
        "default = \"pending\"\nreserved",
        "default = \"running\"\nreserved",
    );
    let new = replace_once(
        &new,
        "{ enum = \"task_status\", default = \"pending\" }",
        "{ enum = \"task_status\" }",
    );
    assert_eq!(
        breaking(OLD, &new),
        (
            0,
            "warning: schema.toml:3:11: the default of enum task_status changed from `pending` to `running` (it was at old.toml:3:11); code that relies on `Default` now gets another value\n\
             warning: schema.toml:12:1: the default of column tasks.status changed from `pending` to none (it was at old.toml:12:44); the SQL default of the column changes with it\n\
             no breaking change against old.toml\n"
                .to_owned()
        )
    );
}

#[test]
fn deprecating_then_retiring_a_value_is_the_safe_path() {
    // Deprecated: still valid, nothing breaks.
    let deprecated = replace_once(
        OLD,
        "name = \"done\" }",
        "name = \"done\", deprecated = \"use running\" }",
    );
    passes(OLD, &deprecated);
    // Removed while only deprecated: stored rows still hold 2.
    let removed = replace_once(
        &deprecated,
        "  { value = 2, name = \"done\", deprecated = \"use running\" },\n",
        "",
    );
    let (code, stderr) = breaking(&deprecated, &removed);
    assert_eq!(code, 1);
    assert!(
        stderr
            .contains("value 2 (`done`) was removed from enum task_status without being reserved"),
        "{stderr}"
    );
    // Removed and reserved: retired.
    passes(
        &deprecated,
        &replace_once(&removed, "reserved = [9]", "reserved = [9, 2]"),
    );
    // Adding values and aliases never breaks anything.
    passes(
        OLD,
        &replace_once(
            OLD,
            "name = \"done\" }",
            "name = \"done\", aliases = [\"DONE\"] },\n  { value = 3, name = \"paused\" }",
        ),
    );
}

#[test]
fn a_removed_alias_is_a_warning() {
    let new = replace_once(OLD, ", aliases = [\"RUNNING\"]", "");
    let (code, stderr) = breaking(OLD, &new);
    assert_eq!(code, 0);
    assert!(stderr.starts_with("warning: schema.toml:7:23: alias `RUNNING` of `running` in enum task_status was removed (it was at old.toml:7:45)"), "{stderr}");
}

#[test]
fn every_breaking_change_is_reported_together() {
    let new = replace_once(OLD, "open = true\n", "");
    let new = replace_once(&new, "reserved = [9]", "reserved = []");
    let new = replace_once(&new, "name = \"done\"", "name = \"finished\"");
    let (code, stderr) = breaking(OLD, &new);
    assert_eq!(code, 1);
    assert_eq!(stderr.matches("error: ").count(), 3, "{stderr}");
    assert!(
        stderr.ends_with("3 breaking changes against old.toml\n"),
        "{stderr}"
    );
}

#[test]
fn the_revision_path_is_relative_to_the_repository_root() {
    let new = replace_once(OLD, "  { value = 2, name = \"done\" },\n", "");
    let dir = repository("config/schema.toml", OLD, &new);
    let out = run(
        &dir.path().join("config"),
        &["breaking", "--against", "HEAD"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("(it was at HEAD:config/schema.toml:8:3)"),
        "{stderr}"
    );
    let out = run(
        dir.path(),
        &[
            "--registry",
            "config/schema.toml",
            "breaking",
            "--against",
            "HEAD",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn unreadable_revisions_and_registries_are_usage_errors() {
    let dir = repository("schema.toml", OLD, OLD);
    let out = run(dir.path(), &["breaking", "--against", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: `git show no-such-rev:schema.toml` failed: invalid object name 'no-such-rev'.\n"
    );
    // Not a git repository.
    let plain = tempfile::tempdir().unwrap();
    std::fs::write(plain.path().join("schema.toml"), OLD).unwrap();
    let out = run(plain.path(), &["breaking", "--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error: `git rev-parse --show-toplevel` failed: not a git repository"));
    // Neither option, both options, a missing file, a new registry that is not TOML.
    assert_eq!(run(dir.path(), &["breaking"]).status.code(), Some(2));
    assert_eq!(
        run(
            dir.path(),
            &[
                "breaking",
                "--against",
                "HEAD",
                "--against-file",
                "old.toml"
            ]
        )
        .status
        .code(),
        Some(2)
    );
    let out = run(dir.path(), &["breaking", "--against-file", "missing.toml"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::write(dir.path().join("schema.toml"), "[enums.x\n").unwrap();
    let out = run(dir.path(), &["breaking", "--against", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .starts_with("error: schema.toml:1:"));
}
