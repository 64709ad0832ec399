//! `gb-enums`: the command-line tool of gb-enums.
//!
//! Exit codes: 0 success; 1 a check failed (stale output, breaking change); 2 a usage or
//! registry error.

// The doc comments of the clap types are the `--help` text, where `[output]` and `[tables]`
// name sections of schema.toml, not Rust items.
#![allow(rustdoc::broken_intra_doc_links)]

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// One schema.toml, every enum: markdown reference, CHECK-free SQL, migrations.
#[derive(Debug, Parser)]
#[command(name = "gb-enums", version, about, long_about = None)]
pub struct Cli {
    /// The registry (default: $GB_ENUMS_REGISTRY, else the nearest schema.toml upward from the
    /// current directory); the paths in its [output] are relative to its directory.
    #[arg(long, global = true, value_name = "PATH")]
    pub registry: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write every output listed under [output], rewriting only files that changed.
    Generate(commands::generate::Args),
    /// Validate the registry and verify every output is current (exit 1 if stale).
    Check(commands::check::Args),
    /// Print the markdown value reference.
    Docs(commands::docs::Args),
    /// Print the CHECK-free DDL: lookup tables, column comments and defaults.
    Sql(commands::sql::Args),
    /// Print (or write) the migration converting legacy text columns to SMALLINT.
    Migrate(commands::migrate::Args),
    /// Read CHECK constraints and enum types from SQL files and print a registry.
    Import(commands::import::Args),
    /// Fail on registry changes that would corrupt stored data or break clients.
    Breaking(commands::breaking::Args),
    /// Render SQL templates that name enum values, e.g. `{{ task_status.completed }}`.
    Render(commands::render::Args),
    /// Compare the registry with a live database, read-only (exit 1 on findings).
    Audit(commands::audit::Args),
    /// Print the TypeScript types and constants of every enum, for the front end.
    Typescript(commands::typescript::Args),
    /// Print the JSON Schema (draft 2020-12) of every enum, for API contracts.
    Jsonschema(commands::jsonschema::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The same override as the macros': an empty value counts as unset.
    let env = std::env::var_os(gb_enums_codegen::locate::REGISTRY_ENV).filter(|v| !v.is_empty());
    let ctx = commands::Ctx::new(cli.registry.or(env.map(PathBuf::from)));
    match &cli.command {
        Command::Generate(a) => commands::generate::run(&ctx, a),
        Command::Check(a) => commands::check::run(&ctx, a),
        Command::Docs(a) => commands::docs::run(&ctx, a),
        Command::Sql(a) => commands::sql::run(&ctx, a),
        Command::Migrate(a) => commands::migrate::run(&ctx, a),
        Command::Import(a) => commands::import::run(&ctx, a),
        Command::Breaking(a) => commands::breaking::run(&ctx, a),
        Command::Render(a) => commands::render::run(&ctx, a),
        Command::Audit(a) => commands::audit::run(&ctx, a),
        Command::Typescript(a) => commands::typescript::run(&ctx, a),
        Command::Jsonschema(a) => commands::jsonschema::run(&ctx, a),
    }
}
