//! `gb-enums breaking`: fails on registry changes that would corrupt stored data or break
//! clients, against a git revision or another file.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use gb_enums_codegen::{breaking, load_file, load_source, Diagnostic, Severity, Source};

use super::{Ctx, EXIT_CHECK_FAILED, EXIT_USAGE};

/// Arguments of `gb-enums breaking`.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Args {
    /// Compare with the registry at this git revision (`git show REV:path`), e.g. `origin/main`.
    #[arg(long, value_name = "REV")]
    pub against: Option<String>,
    /// Compare with this registry file.
    #[arg(long, value_name = "OLD.toml")]
    pub against_file: Option<PathBuf>,
}

/// Exit 1 when a change is breaking; 2 when either registry cannot be read (or the new one is
/// invalid and nothing breaking was found); warnings alone pass.
pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    let path = match ctx.registry_path() {
        Ok(p) => p,
        Err(d) => return super::report(&[d]),
    };
    let new = load_file(&path, &ctx.cwd);
    let old = match (&args.against, &args.against_file) {
        (Some(rev), _) => match at_revision(&path, rev) {
            Ok(source) => load_source(source),
            Err(message) => return super::fail(message),
        },
        (None, Some(file)) => load_file(&ctx.cwd.join(file), &ctx.cwd),
        (None, None) => return super::fail("give `--against REV` or `--against-file OLD.toml`"),
    };
    let (Some(old_registry), Some(new_registry)) = (&old.registry, &new.registry) else {
        // Not even TOML: nothing to compare.
        let unreadable: Vec<Diagnostic> = [&old, &new]
            .iter()
            .flat_map(|l| l.diagnostics.iter().cloned())
            .collect();
        return super::report(&unreadable);
    };
    let found = breaking::compare(old_registry, new_registry);
    // The new registry's own errors are shown too: a removed enum that is still bound makes
    // it invalid, and both messages help.
    let invalid = new.diagnostics.has_errors();
    for d in new
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .chain(found.iter())
    {
        eprintln!("{d}");
    }
    let old_name = old_registry.source.name.as_str();
    if found.has_errors() {
        let n = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        eprintln!(
            "{n} breaking change{} against {old_name}",
            if n == 1 { "" } else { "s" }
        );
        ExitCode::from(EXIT_CHECK_FAILED)
    } else if invalid {
        ExitCode::from(EXIT_USAGE)
    } else {
        eprintln!("no breaking change against {old_name}");
        ExitCode::SUCCESS
    }
}

/// The registry's text at a git revision, shown as `REV:path/from/the/root`.
fn at_revision(registry: &Path, rev: &str) -> Result<Source, String> {
    let registry = registry
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", registry.display()))?;
    let dir = registry.parent().unwrap_or(Path::new("."));
    let root = git(dir, &["rev-parse", "--show-toplevel"])?;
    let root = PathBuf::from(root.trim_end_matches(['\n', '\r']))
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let relative = registry.strip_prefix(&root).map_err(|_| {
        format!(
            "{} is not inside the git repository at {}",
            registry.display(),
            root.display()
        )
    })?;
    // git wants `/` whatever the platform.
    let relative: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let spec = format!("{rev}:{}", relative.join("/"));
    let text = git(&root, &["show", &spec])?;
    Ok(Source::new(spec, text))
}

fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run `git {}`: {e}", args.join(" ")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let detail = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("failed")
            .trim();
        let detail = detail.strip_prefix("fatal: ").unwrap_or(detail);
        return Err(format!("`git {}` failed: {detail}", args.join(" ")));
    }
    String::from_utf8(out.stdout).map_err(|_| {
        format!(
            "`git {}` printed something that is not UTF-8",
            args.join(" ")
        )
    })
}
