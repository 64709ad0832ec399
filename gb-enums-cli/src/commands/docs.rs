//! `gb-enums docs`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums docs`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums docs` is not built yet")
}
