//! `gb-enums generate`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums generate`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums generate` is not built yet")
}
