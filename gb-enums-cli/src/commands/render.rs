//! `gb-enums render`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums render`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums render` is not built yet")
}
