//! `gb-enums docs`: the markdown value reference, to stdout.

use std::process::ExitCode;

use gb_enums_codegen::render::markdown;

use super::Ctx;

/// Arguments of `gb-enums docs`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The output is what `gb-enums generate` writes to the `docs` file of [output]."
)]
pub struct Args {}

/// Prints the reference; exit 2 when the registry cannot be loaded.
pub fn run(ctx: &Ctx, _args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    super::print(&markdown::render(&registry, &super::registry_label(&path)))
}
