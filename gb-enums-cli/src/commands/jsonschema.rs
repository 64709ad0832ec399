//! `gb-enums jsonschema`: the JSON Schema (draft 2020-12) of every enum, to stdout.

use std::process::ExitCode;

use gb_enums_codegen::render::jsonschema;

use super::Ctx;

/// Arguments of `gb-enums jsonschema`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The output is what `gb-enums generate` writes to the `jsonschema` file of [output]: \
                        one document whose `$defs` has an entry per enum, named by its Rust type name, \
                        accepting exactly the enum's JSON form."
)]
pub struct Args {}

/// Prints the document; exit 2 when the registry cannot be loaded.
pub fn run(ctx: &Ctx, _args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    super::print(&jsonschema::render(
        &registry,
        &super::registry_label(&path),
    ))
}
