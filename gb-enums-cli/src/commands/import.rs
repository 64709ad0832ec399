//! `gb-enums import`: a registry from the CHECK constraints and enum types of SQL files.

use std::path::PathBuf;
use std::process::ExitCode;

use gb_enums_codegen::{import, Diagnostic, Source};

use super::Ctx;

/// Arguments of `gb-enums import`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// SQL files (pg_dump --schema-only output, DDL, migrations), read in order.
    #[arg(required = true, value_name = "FILE.sql")]
    pub files: Vec<PathBuf>,
}

/// Prints the registry to stdout and every note to stderr; exit 2 only when a file cannot
/// be read.
pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in &args.files {
        let full = ctx.cwd.join(path);
        let name = path.display().to_string();
        match std::fs::read(&full) {
            // Dumps of databases in other encodings still import: the values are ASCII in the
            // cases that matter, and a stray byte must not stop the whole file.
            Ok(bytes) => sources.push(Source::from_file(
                name,
                &full,
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Err(e) => errors.push(Diagnostic::file_error(
                name,
                format!("cannot read the file: {e}"),
            )),
        }
    }
    if !errors.is_empty() {
        return super::report(&errors);
    }
    let imported = import::import(&sources);
    for note in &imported.notes {
        eprintln!("{note}");
    }
    // The output is promised to be a valid registry; if it ever is not, say so rather than
    // hand the user a file that `gb-enums` itself rejects.
    if let Err(e) =
        gb_enums_codegen::parse_registry(Source::new("<import output>", imported.registry.as_str()))
    {
        eprint!("{}", imported.registry);
        eprint!("{e}");
        return super::fail("`gb-enums import` produced an invalid registry (shown above); please report this as a bug");
    }
    print!("{}", imported.registry);
    ExitCode::SUCCESS
}
