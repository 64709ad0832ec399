//! Helpers shared by the CLI, snapshot, SQL and template tests of `gb-enums-cli`.
//!
//! Each test file uses part of this module; the rest is dead code in that test crate.
#![allow(dead_code)]

pub mod db;
pub mod node;

use std::path::{Path, PathBuf};

use gb_enums_codegen::{parse_registry, Registry, Source};

/// The workspace root (the directory of the shipped `schema.toml`).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file of `tests/snapshots/`.
pub fn snapshot_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name)
}

/// Reads a file as UTF-8, naming it when that fails.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Parses a registry text; panics with every error when it is invalid.
pub fn registry(name: &str, text: &str) -> Registry {
    parse_registry(Source::new(name, text))
        .unwrap_or_else(|e| panic!("registry {name} is invalid:\n{e}"))
}

/// The shipped `schema.toml`.
pub fn shipped_text() -> String {
    read(&workspace_root().join("schema.toml"))
}

/// The shipped registry, parsed.
pub fn shipped() -> Registry {
    registry("schema.toml", &shipped_text())
}

/// The awkward registry of `tests/fixtures/awkward.toml`, parsed.
pub fn awkward() -> Registry {
    registry("awkward.toml", &read(&fixture("awkward.toml")))
}

/// The awkward registry plus a variant `huge` (value 16) whose description is over 100 KB
/// of every awkward description repeated: above MySQL's 65,535-byte `TEXT`.
pub fn awkward_large() -> Registry {
    let mut r = awkward();
    let e = &mut r.enums[0];
    let all: String = e
        .variants
        .iter()
        .map(|v| v.description.as_str())
        .collect::<Vec<_>>()
        .join("\r\n");
    let mut huge = e.variants[0].clone();
    huge.value.value = 16;
    huge.name.value = "huge".into();
    huge.rust_name.value = "Huge".into();
    huge.description = all.repeat(100_000 / all.len() + 1);
    assert!(huge.description.len() > 100_000);
    e.variants.push(huge);
    r
}

/// `text` with `from` replaced by `to`, exactly once (so a test edit cannot silently miss).
pub fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur exactly once"
    );
    text.replacen(from, to, 1)
}

/// Compares `actual` with the committed file at `path`; with `UPDATE_SNAPSHOTS=1` it writes
/// `actual` there instead (review the change with `git diff`).
pub fn assert_snapshot(path: &Path, actual: &str) {
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "snapshot {} cannot be read ({e}); run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{} differs from the output, first at line {line}:\n  committed: {:?}\n  output:    {:?}\n\
             run with UPDATE_SNAPSHOTS=1 to accept the output, then review `git diff`",
            path.display(),
            expected.lines().nth(line - 1).unwrap_or("<end of file>"),
            actual.lines().nth(line - 1).unwrap_or("<end of file>"),
        );
    }
}

/// Copies the files `rel_paths` (relative to the workspace root) into `dir`, keeping their
/// relative paths.
pub fn copy_from_workspace(dir: &Path, rel_paths: &[&str]) {
    for rel in rel_paths {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(workspace_root().join(rel), &to)
            .unwrap_or_else(|e| panic!("cannot copy {rel}: {e}"));
    }
}

/// The `gb-enums` binary, run in `dir`.
pub fn gb_enums(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("gb-enums").unwrap();
    cmd.current_dir(dir).env_remove("GB_ENUMS_REGISTRY");
    cmd
}

/// The result of a command: exit code, stdout and stderr as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` and captures its result.
pub fn run(cmd: &mut assert_cmd::Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}
