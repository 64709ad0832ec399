//! The core of [gb-enums](https://docs.rs/gb-enums): the `schema.toml` registry model, its
//! parser and validator, and the renderers of Rust code, SQL and markdown.
//!
//! It has no `proc_macro` dependency, so the macros (`gb-enums-derive`), the `gb-enums`
//! command-line tool and tests all use the same code.
//!
//! ```
//! use gb_enums_codegen::{parse_registry, Source};
//!
//! let text = r#"
//! [enums.task_priority]
//! variants = [
//!   { value = 0, name = "low", description = "Low priority" },
//!   { value = 1, name = "normal", description = "Normal priority" },
//! ]
//! "#;
//! let registry = parse_registry(Source::new("schema.toml", text)).unwrap();
//! assert_eq!(registry.enums[0].title, "Task Priority");
//! assert_eq!(registry.enums[0].rust_name.value, "TaskPriority");
//!
//! let broken = "[enums.x]\nvariants = [{ value = 1, name = \"a\" }, { value = 1, name = \"b\" }]\n";
//! let errors = parse_registry(Source::new("schema.toml", broken)).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     "error: schema.toml:2:50: duplicate value 1 in enum x (first used by a at line 2)\n"
//! );
//! ```
#![deny(missing_docs)]

pub mod breaking;
pub mod cache;
pub mod diagnostic;
pub mod expand;
pub mod ident;
pub mod import;
pub mod locate;
mod messages;
pub mod migrate;
pub mod model;
mod parse;
pub mod render;
pub mod source;
pub mod sql_quote;
pub mod suggest;
pub mod template;
mod validate;

pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use model::*;
pub use source::{Location, Source, Span, Spanned};

/// A registry as read: what could be parsed, and every diagnostic (errors and warnings).
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The registry, as far as it could be read; `None` when the file is missing or is not
    /// valid TOML.
    pub registry: Option<Registry>,
    /// Everything found wrong, in file order.
    pub diagnostics: Diagnostics,
}

impl Loaded {
    /// A load that failed before parsing (e.g. the file is missing).
    pub fn failed(d: Diagnostic) -> Self {
        Loaded {
            registry: None,
            diagnostics: Diagnostics(vec![d]),
        }
    }

    /// The registry if it has no errors (warnings are allowed).
    pub fn valid(&self) -> Result<&Registry, &Diagnostics> {
        match &self.registry {
            Some(r) if !self.diagnostics.has_errors() => Ok(r),
            _ => Err(&self.diagnostics),
        }
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
}

/// Parses and validates a registry text.
///
/// Never panics, whatever the text: every problem is a diagnostic located in the text.
pub fn load_source(source: Source) -> Loaded {
    let (registry, mut diagnostics) = parse::parse(&source);
    if let Some(registry) = &registry {
        validate::validate(registry, &mut diagnostics);
    }
    diagnostics.sort();
    Loaded {
        registry,
        diagnostics,
    }
}

/// Parses and validates a registry text; `Err` holds every error (warnings are dropped).
pub fn parse_registry(source: Source) -> Result<Registry, Diagnostics> {
    let Loaded {
        registry,
        diagnostics,
    } = load_source(source);
    match registry {
        Some(r) if !diagnostics.has_errors() => Ok(r),
        _ => Err(Diagnostics(
            diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
        )),
    }
}

/// Reads, parses and validates the registry at `path`; messages show the path relative to
/// `base` when it lies below it.
pub fn load_file(path: &std::path::Path, base: &std::path::Path) -> Loaded {
    match locate::read(path, base) {
        Ok(source) => load_source(source),
        Err(d) => Loaded::failed(d),
    }
}
