//! Finding and reading the registry file.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::source::{Source, Span};

/// The file name looked for when no path is given.
pub const REGISTRY_FILE: &str = "schema.toml";

/// The environment variable that names the registry, overriding the search.
pub const REGISTRY_ENV: &str = "GB_ENUMS_REGISTRY";

/// Resolves the registry path for a crate (or a command) whose directory is `base`.
///
/// - `explicit`: a path relative to `base` (absolute paths are kept);
/// - otherwise `env_override` (the value of `GB_ENUMS_REGISTRY`), relative to `base`;
/// - otherwise the nearest `schema.toml` in `base` or one of its ancestors.
// One diagnostic, returned once per load: its size costs nothing worth boxing for, and a
// `Box` would make every caller unwrap it.
#[allow(clippy::result_large_err)]
pub fn resolve(
    base: &Path,
    explicit: Option<&str>,
    env_override: Option<&str>,
) -> Result<PathBuf, Diagnostic> {
    if let Some(p) = explicit.or(env_override.filter(|s| !s.is_empty())) {
        return Ok(base.join(p));
    }
    base.ancestors().map(|d| d.join(REGISTRY_FILE)).find(|p| p.is_file()).ok_or_else(|| {
        Diagnostic::file_error(
            REGISTRY_FILE,
            format!(
                "no `{REGISTRY_FILE}` in `{}` or any parent directory; create one, pass its path, or set {REGISTRY_ENV}",
                base.display()
            ),
        )
    })
}

/// How a path is shown in messages: relative to `base` when it lies below it.
pub fn display_name(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// Reads the registry; a missing or unreadable file is a located error.
// One diagnostic, returned once per load: its size costs nothing worth boxing for, and a
// `Box` would make every caller unwrap it.
#[allow(clippy::result_large_err)]
pub fn read(path: &Path, base: &Path) -> Result<Source, Diagnostic> {
    read_text(path, &display_name(path, base), "registry")
}

/// Reads a UTF-8 text file shown as `shown`, a `what` (`registry`, `template`) in messages:
/// a missing or unreadable file is an error naming it, and invalid UTF-8 is located at the
/// first bad byte.
#[allow(clippy::result_large_err)] // as for `read`
pub fn read_text(path: &Path, shown: &str, what: &str) -> Result<Source, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::from_file(shown, path, text)),
            Err(e) => {
                // Locate the first bad byte: the valid prefix gives its line and column.
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
                let end = prefix.len();
                let source = Source::from_file(shown, path, prefix);
                Err(Diagnostic::error(
                    &source,
                    Span::new(end, end),
                    format!("invalid UTF-8; a {what} is UTF-8 text"),
                ))
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // "registry file not found" reads better than "registry not found".
            let noun = if what == "registry" {
                "registry file"
            } else {
                what
            };
            Err(Diagnostic::file_error(shown, format!("{noun} not found")))
        }
        Err(e) => Err(Diagnostic::file_error(
            shown,
            format!("cannot read the {what}: {e}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_and_env_paths_are_relative_to_base() {
        let base = Path::new("/crate");
        assert_eq!(
            resolve(base, Some("cfg/s.toml"), Some("x.toml")).unwrap(),
            Path::new("/crate/cfg/s.toml")
        );
        assert_eq!(
            resolve(base, None, Some("x.toml")).unwrap(),
            Path::new("/crate/x.toml")
        );
        assert_eq!(
            resolve(base, Some("/abs/s.toml"), None).unwrap(),
            Path::new("/abs/s.toml")
        );
    }

    #[test]
    fn the_nearest_schema_upward_is_found() {
        let dir = std::env::temp_dir().join(format!("gb-enums-locate-{}", std::process::id()));
        let deep = dir.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.join("a").join(REGISTRY_FILE), "").unwrap();
        assert_eq!(
            resolve(&deep, None, None).unwrap(),
            dir.join("a").join(REGISTRY_FILE)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
