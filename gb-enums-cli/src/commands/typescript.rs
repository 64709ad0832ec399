//! `gb-enums typescript`: the TypeScript module for the front end, to stdout.

use std::process::ExitCode;

use gb_enums_codegen::render::typescript;

use super::Ctx;

/// Arguments of `gb-enums typescript`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The output is what `gb-enums generate` writes to the `typescript` file of [output]: \
                        per enum, a type that is exactly its JSON form (names, or numbers with \
                        `serde = \"value\"`) and a constant of the same name with every value, the \
                        numbers, names and descriptions."
)]
pub struct Args {}

/// Prints the module; exit 2 when the registry cannot be loaded or a type name is reserved in
/// TypeScript.
pub fn run(ctx: &Ctx, _args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    match typescript::render(&registry, &super::registry_label(&path)) {
        Ok(text) => super::print(&text),
        Err(diags) => super::report(&diags.0),
    }
}
