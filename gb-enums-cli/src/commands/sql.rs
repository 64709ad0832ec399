//! `gb-enums sql --dialect D`: the CHECK-free DDL, to stdout.

use std::process::ExitCode;

use gb_enums_codegen::render::sql;

use super::{Ctx, DialectArg};

/// Arguments of `gb-enums sql`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The output is what `gb-enums generate` writes to the `sql` file of that dialect in \
                        [output]. It can be applied before or after the application's tables exist, and \
                        applied again: lookup table rows are upserted, rows of removed values deleted."
)]
pub struct Args {
    /// The SQL dialect.
    #[arg(long, value_enum)]
    pub dialect: DialectArg,
}

/// Prints the DDL; exit 2 when the registry cannot be loaded or a name is too long for SQL.
pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match sql::render(
        &registry,
        args.dialect.into(),
        &super::registry_label(&path),
    ) {
        Ok(text) => super::print(&text),
        Err(diags) => super::report(&diags.0),
    }
}
