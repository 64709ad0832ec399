//! The bodies of the fuzz targets under `fuzz/` (cargo-fuzz), one per parser, kept here so
//! that the ordinary tests run them over a seed corpus and CI exercises them without a
//! nightly toolchain. Each panics when its invariant is broken; not part of the stable API.
//!
//! ```
//! gb_enums_codegen::fuzz::registry(b"[enums.x]\nvariants = [{ value = 0, name = \"a\" }]\n");
//! gb_enums_codegen::fuzz::template(b"{{ task_status.done }} {{ nope }}");
//! ```

use crate::model::Dialect;
use crate::render::{markdown, sql};
use crate::source::{location_in, Source};
use crate::{load_source, parse_registry, template as tmpl, Diagnostic};

/// Every diagnostic about `source` is located where its span says, inside the text.
fn assert_located(source: &Source, diagnostics: &[Diagnostic]) {
    for d in diagnostics.iter().filter(|d| d.file == source.name) {
        if let (Some(span), Some(location)) = (d.span, d.location) {
            assert!(span.start <= source.text.len(), "span past the end: {d}");
            assert_eq!(location, location_in(&source.text, span.start), "{d}");
        }
    }
}

/// Registry text: parsing and validating never panic and locate every problem; a valid
/// registry renders every output without panicking, and its SQL either renders or fails with
/// located errors.
pub fn registry(data: &[u8]) {
    let source = Source::new("fuzz.toml", String::from_utf8_lossy(data).into_owned());
    let loaded = load_source(source.clone());
    assert_located(&source, &loaded.diagnostics.0);
    let Ok(registry) = loaded.valid() else {
        return;
    };
    let _ = markdown::render(registry, "fuzz.toml");
    for d in Dialect::ALL {
        if let Err(errors) = sql::render(registry, d, "fuzz.toml") {
            assert!(!errors.is_empty());
            assert_located(&source, &errors.0);
        }
    }
}

/// The registry templates are rendered against.
const TEMPLATE_REGISTRY: &str = r#"
[enums.task_status]
default = "pending"
variants = [
  { value = 0, name = "pending", description = "It's \"new\"\n\\ and more", aliases = ["PENDING"] },
  { value = -5, name = "done" },
]
[enums.empty_ish]
variants = [{ value = 32767, name = "only" }]
"#;

/// Template text: rendering never panics, in any dialect; errors are located in the
/// template.
pub fn template(data: &[u8]) {
    let registry = match parse_registry(Source::new("schema.toml", TEMPLATE_REGISTRY)) {
        Ok(r) => r,
        Err(e) => panic!("the fuzz registry is invalid: {e}"),
    };
    let source = Source::new("fuzz.sql.tmpl", String::from_utf8_lossy(data).into_owned());
    for d in Dialect::ALL {
        if let Err(errors) = tmpl::render(&source, &registry, d) {
            assert!(!errors.is_empty());
            assert_located(&source, &errors.0);
        }
    }
}

/// SQL: `import` never panics, and what it prints always parses as a valid registry.
#[cfg(feature = "import")]
pub fn import(data: &[u8]) {
    let source = Source::new("fuzz.sql", String::from_utf8_lossy(data).into_owned());
    let imported = crate::import::import(std::slice::from_ref(&source));
    if let Err(e) = parse_registry(Source::new("imported.toml", imported.registry.as_str())) {
        panic!(
            "import printed an invalid registry:\n{e}\n--- registry ---\n{}",
            imported.registry
        );
    }
}
