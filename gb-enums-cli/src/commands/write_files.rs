//! Writing output files so that a failure leaves nothing behind: every file is written to a
//! temporary file next to it, flushed to disk, and renamed over its target only when every
//! file of the batch was written. On any failure (a full disk, a path that is a directory)
//! the temporary files, and the directories created for them, are removed again.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Writes every `(path, content)`, all or (as far as the file system allows) none.
pub fn write_files(files: &[(&Path, &str)]) -> io::Result<()> {
    write_files_with(files, &mut |file, content| {
        file.write_all(content.as_bytes())?;
        file.sync_all()
    })
}

/// [`write_files`] with the step that fills each temporary file given, so that tests can make
/// it fail the way a full disk does.
fn write_files_with(
    files: &[(&Path, &str)],
    fill: &mut dyn FnMut(&mut File, &str) -> io::Result<()>,
) -> io::Result<()> {
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut temps: Vec<PathBuf> = Vec::new();
    let staged = stage(files, fill, &mut created_dirs, &mut temps);
    let result = staged.and_then(|()| commit(files, &temps));
    if result.is_err() {
        for t in &temps {
            let _ = std::fs::remove_file(t);
        }
        // Innermost first; `remove_dir` leaves a directory that is not empty alone.
        for d in created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
    result
}

fn stage(
    files: &[(&Path, &str)],
    fill: &mut dyn FnMut(&mut File, &str) -> io::Result<()>,
    created_dirs: &mut Vec<PathBuf>,
    temps: &mut Vec<PathBuf>,
) -> io::Result<()> {
    for (n, (path, content)) in files.iter().enumerate() {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_dirs(parent, created_dirs)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".gb-enums-{}-{n}.tmp", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let mut file = File::create(&tmp)?;
        temps.push(tmp);
        fill(&mut file, content)?;
    }
    Ok(())
}

/// Creates `dir` and its missing ancestors, recording the ones it created, outermost first.
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    missing.reverse();
    for d in missing {
        std::fs::create_dir(d)?;
        created.push(d.to_path_buf());
    }
    Ok(())
}

/// Renames every temporary file over its target; if one rename fails, the targets renamed
/// before it that did not exist before are removed again.
fn commit(files: &[(&Path, &str)], temps: &[PathBuf]) -> io::Result<()> {
    let mut done: Vec<&Path> = Vec::new();
    for ((path, _), tmp) in files.iter().zip(temps) {
        let existed = path.exists();
        if let Err(e) = std::fs::rename(tmp, path) {
            for p in done {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        if !existed {
            done.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = walk(dir)
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect();
        names.sort();
        names
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(walk(&p));
            }
            out.push(p);
        }
        out
    }

    #[test]
    fn every_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("m/up.sql"), dir.path().join("m/down.sql"));
        write_files(&[(&a, "up"), (&b, "down")]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "up");
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "down");
        assert_eq!(listing(dir.path()), ["m", "m/down.sql", "m/up.sql"]);
    }

    #[test]
    fn a_full_disk_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("kept.sql"), "old").unwrap();
        let kept = dir.path().join("kept.sql");
        let (a, b) = (
            dir.path().join("new/deep/up.sql"),
            dir.path().join("new/deep/down.sql"),
        );
        // The second file fails half-way, as on a full disk.
        let mut calls = 0;
        let err = write_files_with(&[(&kept, "new"), (&a, "up"), (&b, "down")], &mut |f, c| {
            calls += 1;
            f.write_all(&c.as_bytes()[..c.len() / 2])?;
            if calls == 3 {
                return Err(io::Error::other("no space left on device"));
            }
            f.write_all(&c.as_bytes()[c.len() / 2..])
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "no space left on device");
        assert_eq!(listing(dir.path()), ["kept.sql"]);
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), "old");
    }

    #[test]
    fn a_rename_that_fails_removes_what_was_renamed_before() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("up.sql"), dir.path().join("down.sql"));
        // A directory with content where a file must go: the rename fails.
        std::fs::create_dir_all(b.join("x")).unwrap();
        assert!(write_files(&[(&a, "up"), (&b, "down")]).is_err());
        assert_eq!(listing(dir.path()), ["down.sql", "down.sql/x"]);
    }
}
