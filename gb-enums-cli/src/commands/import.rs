//! `gb-enums import`: a registry from the CHECK constraints and enum types of SQL files.

use std::path::PathBuf;
use std::process::ExitCode;

use gb_enums_codegen::{import, Source};

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
        // Invalid UTF-8 is an error located at its first bad byte: substituting U+FFFD would
        // import values that match no stored string.
        match gb_enums_codegen::locate::read_text(&full, &name, "SQL file") {
            Ok(source) => sources.push(source),
            Err(mut d) => {
                if d.location.is_some() {
                    d.message.push_str(
                        "; convert the file first, e.g. `iconv -f latin1 -t utf-8 FILE.sql > utf8.sql`",
                    );
                }
                errors.push(d);
            }
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
