//! `gb-enums import`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums import`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums import` is not built yet")
}
