//! One module per verb; shared loading and reporting here.

pub mod breaking;
pub mod check;
pub mod docs;
pub mod generate;
pub mod import;
pub mod migrate;
pub mod render;
pub mod sql;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gb_enums_codegen::{locate, Diagnostic, Registry, Severity};

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
        Ctx { registry_arg, cwd: std::env::current_dir().unwrap_or_default() }
    }

    /// The registry path: `--registry`, or the nearest `schema.toml` upward.
    pub fn registry_path(&self) -> Result<PathBuf, Diagnostic> {
        match &self.registry_arg {
            Some(p) => Ok(self.cwd.join(p)),
            None => locate::resolve(&self.cwd, None, None),
        }
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
            Ok(_) => Ok((path, loaded.registry.clone().unwrap_or_else(|| unreachable!("valid implies parsed")))),
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
