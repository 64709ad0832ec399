//! `gb-enums check`: validates the registry and verifies that every output is current, like
//! `cargo fmt --check`, for CI.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the registry is valid and every output of [output] is current; 1 an \
                        output is stale or missing (each is named; `gb-enums generate` fixes them); 2 the \
                        registry or a template has errors."
)]
pub struct Args {}

/// Exit 0 when everything is current, 1 naming each stale or missing output, 2 on errors.
pub fn run(ctx: &Ctx, _args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let planned = match super::generate::plan(ctx, &path, &registry) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let registry_shown = ctx.display(&path);
    let mut stale = 0;
    for p in &planned {
        match std::fs::read(&p.path) {
            Ok(old) if old == p.content.as_bytes() => {}
            Ok(_) => {
                stale += 1;
                eprintln!("error: {}: stale: differs from what {registry_shown} generates; run `gb-enums generate`", p.shown);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                stale += 1;
                eprintln!("error: {}: missing; run `gb-enums generate`", p.shown);
            }
            Err(e) => {
                stale += 1;
                eprintln!("error: {}: cannot read: {e}", p.shown);
            }
        }
    }
    if stale > 0 {
        eprintln!(
            "{stale} of {} outputs of {registry_shown} are not current",
            planned.len()
        );
        return ExitCode::from(super::EXIT_CHECK_FAILED);
    }
    eprintln!(
        "{registry_shown} is valid; {} outputs are current",
        planned.len()
    );
    ExitCode::SUCCESS
}
