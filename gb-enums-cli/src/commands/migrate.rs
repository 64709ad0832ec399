//! `gb-enums migrate`: the migration converting legacy columns under `[tables]` to SMALLINT.

use std::path::PathBuf;
use std::process::ExitCode;

use gb_enums_codegen::migrate;

use super::Ctx;

/// Arguments of `gb-enums migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database: only `postgres` is supported.
    #[arg(long, value_name = "DIALECT", value_parser = ["postgres", "sqlite", "mysql"])]
    pub dialect: String,
    /// Tables under [tables] to convert (default: all of them).
    #[arg(value_name = "TABLE")]
    pub tables: Vec<String>,
    /// Print the down migration instead of the up migration.
    #[arg(long, conflicts_with = "out")]
    pub down: bool,
    /// Write DIR/up.sql and DIR/down.sql (Diesel's migration layout) instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The longest wait for each table's lock (`5s`, `500ms`, `1min`; `0` waits for ever):
    /// a migration that cannot get it stops, naming the table, having changed nothing.
    #[arg(long, value_name = "DURATION", default_value = "5s", value_parser = migrate::parse_lock_timeout)]
    pub lock_timeout: String,
}

pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    if args.dialect != "postgres" {
        return super::fail(format!(
            "`gb-enums migrate` writes PostgreSQL migrations only; `--dialect {}` is not supported",
            args.dialect
        ));
    }
    let (_, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = migrate::Options {
        lock_timeout: args.lock_timeout.clone(),
    };
    let migration = match migrate::postgres_with(&registry, &args.tables, &options) {
        Ok(m) => m,
        Err(errors) => return super::report(&errors),
    };
    let Some(dir) = &args.out else {
        print!(
            "{}",
            if args.down {
                &migration.down
            } else {
                &migration.up
            }
        );
        return ExitCode::SUCCESS;
    };
    let dir = ctx.cwd.join(dir);
    // Both files or neither: an `up.sql` without its `down.sql` (or an empty one, after a
    // full disk) would be run by Diesel as a migration.
    let (up, down) = (dir.join("up.sql"), dir.join("down.sql"));
    let written =
        super::write_files::write_files(&[(&up, &migration.up), (&down, &migration.down)]);
    match written {
        Ok(()) => {
            eprintln!(
                "wrote {} and {}",
                dir.join("up.sql").display(),
                dir.join("down.sql").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => super::fail(format!(
            "cannot write the migration to {}: {e}",
            dir.display()
        )),
    }
}
