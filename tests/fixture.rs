//! Building crates outside the workspace with cargo, as an application would: the fixture
//! crates under `tests/fixtures/` and the trybuild project.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::workspace_root;

/// `cargo`, as the running `cargo test` is (`$CARGO`), with none of the variables that would
/// point the macros at another registry.
pub fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.env_remove("GB_ENUMS_REGISTRY");
    cmd
}

/// The target directory of the running build, from an integration test's
/// `env!("CARGO_TARGET_TMPDIR")` (which is `<target>/tmp`).
pub fn target_dir(target_tmpdir: &str) -> PathBuf {
    let tmp = Path::new(target_tmpdir);
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

/// Where fixture crates are built: below the workspace's target directory, so that
/// gb-enums and its dependencies are compiled once and reused by every later run.
pub fn fixture_target(target_tmpdir: &str) -> PathBuf {
    target_dir(target_tmpdir).join("fixture-builds")
}

/// Gives the crate at `dir` the workspace's lock file, so that it resolves to the versions
/// the workspace was tested with, without asking the registry. Written only when it differs,
/// so that cargo does not see a change on every run.
pub fn copy_workspace_lock(dir: &Path) {
    let lock = std::fs::read(workspace_root().join("Cargo.lock"))
        .expect("read the workspace's Cargo.lock");
    write_if_changed(&dir.join("Cargo.lock"), &lock);
}

/// Writes `bytes` to `path` unless it already holds them (keeping its modification time).
pub fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
        }
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }
}

/// Copies the files of `from` below `to` (skipping `target/` and `Cargo.lock`), rewriting
/// only those that differ; returns the paths copied, relative to `from`.
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut copied = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(from.join(&rel))
            .unwrap_or_else(|e| panic!("read {}: {e}", rel.display()));
        for entry in entries {
            let entry = entry.expect("directory entry");
            let name = rel.join(entry.file_name());
            if entry.file_name() == "target" || entry.file_name() == "Cargo.lock" {
                continue;
            }
            if entry.file_type().expect("file type").is_dir() {
                stack.push(name);
            } else if keep(&name) {
                let bytes = std::fs::read(entry.path()).expect("read fixture file");
                write_if_changed(&to.join(&name), &bytes);
                copied.push(name);
            }
        }
    }
    copied.sort();
    copied
}

/// Runs `cmd` and returns its output; panics with everything it printed if it fails.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed with {}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
