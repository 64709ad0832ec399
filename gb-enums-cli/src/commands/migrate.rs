//! `gb-enums migrate`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums migrate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums migrate` is not built yet")
}
