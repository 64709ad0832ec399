//! `gb-enums migrate`: the migration converting legacy columns under `[tables]` to SMALLINT.

use std::path::PathBuf;
use std::process::ExitCode;

use gb_enums_codegen::migrate;

use super::Ctx;

/// Arguments of `gb-enums migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database: only `postgres` is supported (not needed with `--online`).
    #[arg(long, value_name = "DIALECT", value_parser = ["postgres", "sqlite", "mysql"], required_unless_present = "online")]
    pub dialect: Option<String>,
    /// Tables under [tables] to convert (default: all of them).
    #[arg(value_name = "TABLE")]
    pub tables: Vec<String>,
    /// Print the down migration instead of the up migration.
    #[arg(long, conflicts_with = "out")]
    pub down: bool,
    /// Write DIR/up.sql and DIR/down.sql (Diesel's migration layout) instead of printing.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The longest wait for a lock (`5s`, `500ms`, `1min`; `0` waits for ever). Offline
    /// (default 5s): a migration that cannot get a table's lock stops, naming the table,
    /// having changed nothing. `--online` (default 100ms): each short DDL transaction's,
    /// retried with backoff and jitter when it runs out.
    #[arg(long, value_name = "DURATION", value_parser = migrate::parse_lock_timeout)]
    pub lock_timeout: Option<String>,
    #[command(flatten)]
    pub online: OnlineArgs,
}

/// `--online`: convert a live database without blocking it (see the README).
#[derive(Debug, clap::Args)]
pub struct OnlineArgs {
    /// Convert a live PostgreSQL database in short steps instead of printing a migration.
    #[arg(long, conflicts_with_all = ["out", "dialect"])]
    pub online: bool,
    /// The database (default: $DATABASE_URL); repeat it for shards of the same schema.
    #[arg(long = "database-url", value_name = "URL", requires = "online")]
    pub database_urls: Vec<String>,
    /// Shards converted at a time.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "online")]
    pub jobs: usize,
    /// Rows per backfill transaction.
    #[arg(long, value_name = "ROWS", default_value_t = 5000, requires = "online")]
    pub batch_size: u64,
    /// Pause the backfill while the server writes more WAL than this many MB per second
    /// (everyone's WAL: the application's commits wait for it to be flushed).
    #[arg(long, value_name = "MB", requires = "online", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_wal_rate: Option<u64>,
    /// Stop before the swap: everything is built and kept filled; run again to swap.
    #[arg(long, requires = "online")]
    pub no_swap: bool,
    /// Drop the text columns and triggers kept by a finished `--online` conversion.
    #[arg(long, requires = "online", conflicts_with = "down")]
    pub finalize: bool,
}

/// A duration that [`migrate::parse_lock_timeout`] accepted (a bare number is milliseconds,
/// as PostgreSQL reads it).
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = migrate::parse_lock_timeout(s)?;
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("`{s}` is no duration; write e.g. `100ms` or `2s`"))?;
    let ms = match unit {
        "" | "ms" => 1,
        "s" => 1_000,
        "min" => 60_000,
        "h" => 3_600_000,
        _ => 86_400_000,
    };
    Ok(std::time::Duration::from_millis(n.saturating_mul(ms)))
}

fn run_online(ctx: &Ctx, args: &Args) -> ExitCode {
    use gb_enums_live::connection::DatabaseUrl;
    use gb_enums_live::online::{self, Direction, Mode, Options};

    let lock_timeout = match parse_duration(args.lock_timeout.as_deref().unwrap_or("100ms")) {
        Ok(d) => d,
        Err(e) => return super::fail(e),
    };
    let (_, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let mut raw = args.online.database_urls.clone();
    if raw.is_empty() {
        raw.push(std::env::var("DATABASE_URL").unwrap_or_default());
    }
    let mut urls = Vec::new();
    for r in &raw {
        match DatabaseUrl::parse(r) {
            Ok(u) => urls.push(u),
            Err(e) => return super::fail(e.to_string()),
        }
    }
    let options = Options {
        tables: args.tables.clone(),
        mode: if args.online.finalize {
            Mode::Finalize
        } else if args.down {
            Mode::Convert(Direction::Down)
        } else {
            Mode::Convert(Direction::Up)
        },
        batch_size: args.online.batch_size,
        max_wal_rate: args.online.max_wal_rate.map(|mb| mb * 1_000_000),
        lock_timeout,
        stop_before_swap: args.online.no_swap,
        progress: true,
        ..Options::default()
    };
    let results = online::run_shards(&urls, &registry, &options, args.online.jobs);
    let mut failed = false;
    for r in results {
        match r {
            Ok(summary) => println!("{summary}"),
            Err(e) => {
                failed = true;
                eprintln!("error: {e}");
            }
        }
    }
    if failed {
        ExitCode::from(super::EXIT_CHECK_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    if args.online.online {
        return run_online(ctx, args);
    }
    let dialect = args.dialect.as_deref().unwrap_or("postgres");
    if dialect != "postgres" {
        return super::fail(format!(
            "`gb-enums migrate` writes PostgreSQL migrations only; `--dialect {dialect}` is not supported"
        ));
    }
    let (_, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = migrate::Options {
        lock_timeout: args.lock_timeout.clone().unwrap_or_else(|| "5s".to_owned()),
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
