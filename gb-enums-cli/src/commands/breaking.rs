//! `gb-enums breaking`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums breaking`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums breaking` is not built yet")
}
