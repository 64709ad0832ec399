//! `gb-enums audit`: the registry against a live database, read-only.

use std::process::ExitCode;

use gb_enums_live::audit::{self, render, Mode, Options};
use gb_enums_live::connection::DatabaseUrl;

use super::{Ctx, EXIT_CHECK_FAILED};

/// Arguments of `gb-enums audit`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The database: postgres://..., mysql://... (or mariadb://...), sqlite://PATH
    /// (default: $DATABASE_URL). Nothing is written: queries run in a read-only transaction
    /// that is rolled back.
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
    /// Output format: `text` for people, `json` for dashboards and CI (stable, versioned).
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Estimate the unknown values of large tables from a TABLESAMPLE and the planner's
    /// statistics instead of reading every row (counts are then marked as estimates).
    #[arg(long)]
    pub sample: bool,
    /// Tables under [tables] to audit (default: all of them).
    #[arg(value_name = "TABLE")]
    pub tables: Vec<String>,
}

pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    let url = match args
        .database_url
        .clone()
        .or_else(|| std::env::var("DATABASE_URL").ok())
    {
        Some(u) => u,
        None => {
            return super::fail("no database url: pass `--database-url URL` or set `DATABASE_URL`")
        }
    };
    let url = match DatabaseUrl::parse(&url) {
        Ok(u) => u,
        Err(e) => return super::fail(e),
    };
    let (_, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let options = Options {
        tables: args.tables.clone(),
        mode: if args.sample {
            Mode::Sample
        } else {
            Mode::Exact
        },
        ..Options::default()
    };
    let report = match audit::run(&url, &registry, &options) {
        Ok(r) => r,
        Err(e) => return super::fail(e),
    };
    let text = match args.format.as_str() {
        "json" => render::json(&report),
        _ => render::text(&report),
    };
    match super::print(&text) {
        code if code != ExitCode::SUCCESS => code,
        _ if report.is_clean() => ExitCode::SUCCESS,
        _ => ExitCode::from(EXIT_CHECK_FAILED),
    }
}
