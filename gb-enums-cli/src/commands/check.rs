//! `gb-enums check`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums check` is not built yet")
}
