//! `gb-enums generate`: writes every output of `[output]`; shared with `check`, which
//! computes the same outputs and compares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gb_enums_codegen::render::{jsonschema, markdown, sql, typescript};
use gb_enums_codegen::{template, Diagnostic, Diagnostics, Registry, Span};

use super::Ctx;

/// Arguments of `gb-enums generate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Outputs are the files of [output] in the registry, relative to its directory: the \
                        markdown reference (`docs`), the SQL of each dialect (`sql`), the rendered \
                        templates (`render`), the TypeScript module (`typescript`) and the JSON Schema \
                        (`jsonschema`). Each begins with an @generated header naming the registry. \
                        A file whose content is already current is not touched."
)]
pub struct Args {}

/// One output file and the content it must have.
pub struct Planned {
    /// Where it is written.
    pub path: PathBuf,
    /// How it is shown in messages.
    pub shown: String,
    /// Its exact content.
    pub content: String,
}

/// Computes every output of the registry at `registry_path`. On failure (a template with
/// errors, a name too long for SQL, two outputs at one path) every error is printed and the
/// exit code (2) returned.
pub fn plan(
    ctx: &Ctx,
    registry_path: &Path,
    registry: &Registry,
) -> Result<Vec<Planned>, ExitCode> {
    let dir = super::registry_dir(registry_path);
    let label = super::registry_label(registry_path);
    let mut diags = Diagnostics::default();
    let mut planned: Vec<(Span, Planned)> = Vec::new();
    let out = &registry.output;

    let mut add = |span: Span, rel: &str, content: String| {
        let path = super::normalize(&dir.join(rel));
        planned.push((
            span,
            Planned {
                shown: ctx.display(&path),
                path,
                content,
            },
        ));
    };
    if let Some(docs) = &out.docs {
        add(docs.span, &docs.value, markdown::render(registry, &label));
    }
    for (dialect, file) in &out.sql {
        match sql::render(registry, *dialect, &label) {
            Ok(text) => add(file.span, &file.value, text),
            Err(d) => diags.0.extend(d),
        }
    }
    if let Some(ts) = &out.typescript {
        match typescript::render(registry, &label) {
            Ok(text) => add(ts.span, &ts.value, text),
            Err(d) => diags.0.extend(d),
        }
    }
    if let Some(schema) = &out.jsonschema {
        add(
            schema.span,
            &schema.value,
            jsonschema::render(registry, &label),
        );
    }
    for spec in &out.render {
        let template_path = super::normalize(&dir.join(&spec.template.value));
        let shown = ctx.display(&template_path);
        let source = match gb_enums_codegen::locate::read_text(&template_path, &shown, "template") {
            Ok(source) => source,
            Err(_) if !template_path.exists() => {
                let message = format!(
                    "template `{}` not found (paths in [output] are relative to the registry)",
                    spec.template.value
                );
                diags.push(Diagnostic::error(
                    &registry.source,
                    spec.template.span,
                    message,
                ));
                continue;
            }
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match template::render(&source, registry, spec.dialect) {
            Ok(body) => {
                let name = super::relative_to_registry(&template_path, registry_path);
                add(
                    spec.output.span,
                    &spec.output.value,
                    template::header(&name, &label) + &body,
                );
            }
            Err(d) => diags.0.extend(d),
        }
    }

    // Two outputs at one path, or an output over an input, would make the result depend on
    // the order of writing, or destroy the input.
    let registry_norm = super::normalize(registry_path);
    let templates: Vec<PathBuf> = out
        .render
        .iter()
        .map(|s| super::normalize(&dir.join(&s.template.value)))
        .collect();
    for (i, (span, p)) in planned.iter().enumerate() {
        if let Some((_, first)) = planned[..i].iter().find(|(_, q)| q.path == p.path) {
            let message = format!("output `{}` is listed twice in [output]", first.shown);
            diags.push(Diagnostic::error(&registry.source, *span, message));
        } else if p.path == registry_norm || templates.contains(&p.path) {
            let message = format!("output `{}` would overwrite an input of gb-enums", p.shown);
            diags.push(Diagnostic::error(&registry.source, *span, message));
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(super::report(&diags.0));
    }
    Ok(planned.into_iter().map(|(_, p)| p).collect())
}

/// Writes every output whose content changed; exit 2 on a registry, template or I/O error.
pub fn run(ctx: &Ctx, _args: &Args) -> ExitCode {
    let (path, registry) = match ctx.load() {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let planned = match plan(ctx, &path, &registry) {
        Ok(p) => p,
        Err(code) => return code,
    };
    if planned.is_empty() {
        eprintln!(
            "warning: {}: no [output] section, so nothing to generate",
            ctx.display(&path)
        );
        return ExitCode::SUCCESS;
    }
    let mut failed = false;
    let mut unchanged = 0;
    for p in &planned {
        if std::fs::read(&p.path).is_ok_and(|old| old == p.content.as_bytes()) {
            unchanged += 1;
            continue;
        }
        // Atomic: a failure (a full disk) leaves the old file and no temporary file.
        match super::write_files::write_files(&[(&p.path, &p.content)]) {
            Ok(()) => eprintln!("wrote {}", p.shown),
            Err(e) => {
                eprintln!("error: {}: cannot write: {e}", p.shown);
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::from(super::EXIT_USAGE);
    }
    if unchanged > 0 {
        eprintln!("{unchanged} of {} outputs already current", planned.len());
    }
    ExitCode::SUCCESS
}
