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
#[doc(hidden)]
pub mod fuzz;
pub mod ident;
#[cfg(feature = "import")]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        let loaded = load_source(Source::new("s.toml", text));
        loaded
            .diagnostics
            .iter()
            .map(|d| d.located_message())
            .collect()
    }

    #[test]
    fn a_duplicate_key_is_named() {
        let text =
            "[enums.x]\nvariants = [{ value = 1, name = \"a\" }]\n[enums.x]\ntitle = \"X\"\n";
        assert_eq!(
            errors(text),
            ["s.toml:3:8: invalid TOML: duplicate key `x`"]
        );
        assert!(load_source(Source::new("s.toml", text)).registry.is_none());
    }

    #[test]
    fn a_file_that_is_not_toml_gets_a_hint_and_few_errors() {
        let sql = "CREATE TABLE t (\n  s text CHECK (s IN ('a', 'b'))\n);\n".repeat(50);
        let loaded = load_source(Source::new("legacy.sql", sql));
        let shown: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 4, "{shown:?}");
        assert!(
            shown[0].starts_with(
                "error: legacy.sql: `legacy.sql` is not a TOML file: the registry is TOML, usually `schema.toml`; \
                 to make a registry from SQL, run `gb-enums import legacy.sql` ("
            ),
            "{shown:?}"
        );
        // A `.toml` file gets its syntax errors only.
        let loaded = load_source(Source::new("s.toml", "x = \ny = \n"));
        assert!(loaded.diagnostics.iter().all(|d| d.location.is_some()));
    }

    #[test]
    fn an_empty_registry_is_a_warning() {
        for text in ["", "# nothing yet\n", "[tables]\n"] {
            let loaded = load_source(Source::new("s.toml", text));
            let shown: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
            assert_eq!(
                shown,
                ["warning: s.toml: the registry defines no enum; add one as `[enums.NAME]` with `variants = [...]`"]
            );
            assert!(loaded.registry.is_some());
        }
    }

    #[test]
    fn retired_keys_are_checked() {
        let text = "retired = [\"color\", \"Bad Key\", \"x\", \"color\", 3]\n\
                    [enums.x]\nvariants = [{ value = 1, name = \"a\" }]\n";
        assert_eq!(
            errors(text),
            [
                "s.toml:1:21: invalid enum key `Bad Key`: keys are snake_case ASCII, `[a-z][a-z0-9_]*`",
                "s.toml:1:32: enum `x` is listed in `retired` but still defined in [enums]; a retired key is never used again",
                "s.toml:1:37: `color` is listed in `retired` twice (first on line 1)",
                "s.toml:1:46: every item of `retired` must be a string, found an integer",
            ]
        );
        let ok = parse_registry(Source::new("s.toml", "retired = [\"color\"]\n")).unwrap();
        assert_eq!(ok.retired[0].value, "color");
    }

    #[test]
    fn arrays_of_tables_are_variants_too() {
        let text =
            "[[enums.x.variants]]\nvalue = 1\nname = \"a\"\n\n[[enums.x.variants]]\nvalue = 2\n";
        assert_eq!(
            errors(text),
            ["s.toml:5:1: missing `name` in a variant of enum x"]
        );
        let ok = "[[enums.x.variants]]\nvalue = -1\nname = \"a\"\n";
        let registry = parse_registry(Source::new("s.toml", ok)).unwrap();
        assert_eq!(registry.enums[0].variants[0].value.value, -1);
    }

    #[test]
    fn a_missing_or_empty_variants_is_one_error_each_and_a_bad_one_is_not_empty() {
        let text = "[enums.a]\ntitle = \"A\"\n[enums.b]\nvariants = []\n[enums.c]\nvariants = 3\n[enums.d]\nvariants = [7]\n";
        assert_eq!(
            errors(text),
            [
                "s.toml:1:8: missing `variants` in enum a; list them as `variants = [{ value = 0, name = \"...\" }]`",
                "s.toml:4:12: enum b has no variants; add at least one to `variants`",
                "s.toml:6:12: `variants` must be an array, found an integer",
                "s.toml:8:13: every item of `variants` must be a table such as `{ value = 0, name = \"...\" }`, found an integer",
            ]
        );
    }

    #[test]
    fn a_bad_name_is_one_error_not_two() {
        // `Bad-Name` is not snake_case; that its identifier is not Rust follows and is not
        // repeated. A name repeated is reported once, not again as a repeated identifier.
        let text = "[enums.x]\nvariants = [{ value = 1, name = \"Bad-Name\" }, { value = 2, name = \"a\" }, { value = 3, name = \"a\" }]\n";
        let e = errors(text);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].contains("invalid variant name `Bad-Name`") && e[1].contains("duplicate name `a`"),
            "{e:?}"
        );
        // A `rust = "..."` that is wrong is its own error.
        let explicit = "[enums.x]\nvariants = [{ value = 1, name = \"a\", rust = \"9a\" }]\n";
        assert_eq!(errors(explicit), ["s.toml:2:45: `rust = \"9a\"` of variant `a` of enum x is not a Rust identifier; choose another identifier"]);
    }

    #[test]
    fn items_of_lists_have_their_own_type_errors() {
        let text = "[enums.x]\nreserved = [1, \"2\"]\nvariants = [{ value = 0, name = \"a\", aliases = [\"b\", 3] }]\n";
        assert_eq!(
            errors(text),
            [
                "s.toml:2:16: every item of `reserved` must be an integer, found a string",
                "s.toml:3:54: every item of `aliases` must be a string, found an integer",
            ]
        );
    }

    #[test]
    fn a_default_that_is_an_alias_names_the_variant() {
        let text = "[enums.x]\ndefault = \"A\"\nvariants = [{ value = 0, name = \"a\", aliases = [\"A\"] }]\n";
        assert_eq!(
            errors(text),
            ["s.toml:2:11: default `A` of enum x is an alias; name the variant `a` instead"]
        );
    }

    #[test]
    fn errors_of_a_table_are_not_tied_to_the_enum() {
        let text = "[enums.x]\nvariants = [{ value = 0, name = \"a\" }]\n[tables.t]\nc = { enum = \"x\", default = \"b\" }\n";
        let loaded = load_source(Source::new("s.toml", text));
        let d: Vec<_> = loaded.diagnostics.iter().collect();
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].enum_key, None,
            "a `#[derive(GbEnum)]` of `x` must not fail for the table's mistake"
        );
    }

    #[test]
    fn invalid_utf8_is_located() {
        let dir = std::env::temp_dir().join(format!("gb-enums-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("schema.toml");
        std::fs::write(&path, b"[enums.x]\ntitle = \"caf\xe9\"\n").unwrap();
        let loaded = load_file(&path, &dir);
        assert_eq!(
            loaded.diagnostics.to_string(),
            "error: schema.toml:2:13: invalid UTF-8; a registry is UTF-8 text\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
