//! One module per verb; shared loading and reporting here.

pub mod audit;
pub mod breaking;
pub mod check;
pub mod docs;
pub mod generate;
pub mod import;
pub mod jsonschema;
pub mod migrate;
pub mod render;
pub mod sql;
pub mod typescript;
mod write_files;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gb_enums_codegen::{locate, Diagnostic, Dialect, Registry, Severity};

/// Exit code of a failed check (stale output, breaking change).
pub const EXIT_CHECK_FAILED: u8 = 1;
/// Exit code of a usage or registry error.
pub const EXIT_USAGE: u8 = 2;

/// What every verb needs: where the registry is.
pub struct Ctx {
    /// `--registry`, if given.
    pub registry_arg: Option<PathBuf>,
    /// The current directory.
    pub cwd: PathBuf,
}

impl Ctx {
    pub fn new(registry_arg: Option<PathBuf>) -> Self {
        Ctx {
            registry_arg,
            cwd: std::env::current_dir().unwrap_or_default(),
        }
    }

    /// The registry path: `--registry`, or the nearest `schema.toml` upward.
    // One diagnostic, returned once per command: its size costs nothing worth boxing for.
    #[allow(clippy::result_large_err)]
    pub fn registry_path(&self) -> Result<PathBuf, Diagnostic> {
        match &self.registry_arg {
            Some(p) => Ok(self.cwd.join(p)),
            None => locate::resolve(&self.cwd, None, None),
        }
    }

    /// How `path` is shown in messages: relative to the current directory when below it.
    pub fn display(&self, path: &Path) -> String {
        locate::display_name(path, &self.cwd)
    }

    /// Loads and validates the registry; on failure prints every error and returns the exit
    /// code to end with.
    pub fn load(&self) -> Result<(PathBuf, Registry), ExitCode> {
        let path = self.registry_path().map_err(|d| report(&[d]))?;
        let loaded = gb_enums_codegen::load_file(&path, &self.cwd);
        for w in loaded.warnings() {
            eprintln!("{w}");
        }
        match loaded.valid() {
            Ok(_) => Ok((
                path,
                loaded
                    .registry
                    .clone()
                    .unwrap_or_else(|| unreachable!("valid implies parsed")),
            )),
            Err(diags) => Err(report(&diags.0)),
        }
    }
}

/// Prints the errors, `error: file:line:col: message`, and returns exit code 2.
pub fn report(diags: &[Diagnostic]) -> ExitCode {
    for d in diags.iter().filter(|d| d.severity == Severity::Error) {
        eprintln!("{d}");
    }
    ExitCode::from(EXIT_USAGE)
}

/// Prints a plain error (no location) and returns exit code 2.
pub fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// The directory outputs are relative to: the registry's.
pub fn registry_dir(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// How generated files name their registry: its file name, since every output path is
/// relative to the registry's directory. Never a machine's absolute path, so the outputs are
/// byte-identical wherever they are generated.
pub fn registry_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// `path` relative to the registry's directory when it lies below it (as `[output]` paths
/// are written), with `/` separators; otherwise as given.
pub fn relative_to_registry(path: &Path, registry_path: &Path) -> String {
    let dir = normalize(&registry_dir(registry_path));
    let path = normalize(path);
    let shown = path.strip_prefix(&dir).unwrap_or(&path);
    shown.to_string_lossy().replace('\\', "/")
}

/// A path without `.` components or repeated separators (lexically; symlinks are not
/// followed), so that two spellings of one output compare equal.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir
                if matches!(
                    out.components().next_back(),
                    Some(std::path::Component::Normal(_))
                ) =>
            {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// `--dialect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    Mysql,
}

impl From<DialectArg> for Dialect {
    fn from(d: DialectArg) -> Dialect {
        match d {
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Sqlite => Dialect::Sqlite,
            DialectArg::Mysql => Dialect::Mysql,
        }
    }
}

/// Writes `text` to stdout; a closed pipe or a full disk is an error, not a panic.
pub fn print(text: &str) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("cannot write to stdout: {e}")),
    }
}
