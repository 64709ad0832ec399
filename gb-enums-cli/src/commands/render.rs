//! `gb-enums render FILE...`: SQL templates that name enum values, rendered to stdout.

use std::path::PathBuf;
use std::process::ExitCode;

use gb_enums_codegen::{template, Diagnostics};

use super::{Ctx, DialectArg};

/// Arguments of `gb-enums render`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Tags:\n  {{ task_status.completed }}                 5\n  \
                        {{ task_status.completed | name }}          'completed' (quoted for the dialect)\n  \
                        {{ task_status.completed | description }}   'Successfully finished'\n  \
                        {{ task_status[completed, failed] }}        5, 6 (with | name: 'completed', 'failed')\n  \
                        {{ '{{' }}                                   a literal {{\n\n\
                        Text outside tags is copied byte for byte. Each file is printed with an @generated \
                        header naming the template and the registry; list templates under `render` in \
                        [output] to have `generate` write them and `check` verify them."
)]
pub struct Args {
    /// The dialect that names and descriptions are quoted for.
    #[arg(long, value_enum, default_value = "postgres")]
    pub dialect: DialectArg,
    /// The templates, rendered one after the other.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Prints every rendered template, or, if any has errors, every error of every template and
/// nothing else (exit 2).
pub fn run(ctx: &Ctx, args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let label = super::registry_label(&path);
    let mut diags = Diagnostics::default();
    let mut out = String::new();
    for file in &args.files {
        let file = super::normalize(&ctx.cwd.join(file));
        let source =
            match gb_enums_codegen::locate::read_text(&file, &ctx.display(&file), "template") {
                Ok(s) => s,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
        match template::render(&source, &registry, args.dialect.into()) {
            Ok(body) => {
                out.push_str(&template::header(
                    &super::relative_to_registry(&file, &path),
                    &label,
                ));
                out.push_str(&body);
            }
            Err(d) => diags.0.extend(d),
        }
    }
    if !diags.is_empty() {
        return super::report(&diags.0);
    }
    super::print(&out)
}
