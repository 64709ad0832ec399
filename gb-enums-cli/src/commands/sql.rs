//! `gb-enums sql`.

use std::process::ExitCode;

use super::Ctx;

/// Arguments of `gb-enums sql`.
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: &Args) -> ExitCode {
    super::fail("`gb-enums sql` is not built yet")
}
