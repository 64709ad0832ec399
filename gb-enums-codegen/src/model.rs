//! The registry as the rest of the crate sees it: parsed, with spans, in file order.
//!
//! A [`Registry`] returned by [`crate::parse_registry`] without errors satisfies every rule
//! of the format (unique names and values, valid identifiers, known defaults...), so
//! renderers can rely on it.

use crate::source::{Source, Span, Spanned};

/// A whole `schema.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    /// The text it was read from.
    pub source: Source,
    /// `[enums.*]`, in file order.
    pub enums: Vec<EnumDef>,
    /// `[tables.*]`, in file order.
    pub tables: Vec<TableDef>,
    /// `[output]`.
    pub output: OutputConfig,
    /// `retired = ["color"]`: keys of enums removed for good (their columns dropped or
    /// converted); `gb-enums breaking` accepts their removal and rejects their reuse.
    pub retired: Vec<Spanned<String>>,
}

impl Registry {
    /// The enum with registry key `key`.
    pub fn enum_by_key(&self, key: &str) -> Option<&EnumDef> {
        self.enums.iter().find(|e| e.key.value == key)
    }

    /// Every bound column `(table, column)` that stores enum `key`, in file order.
    pub fn columns_of<'a>(
        &'a self,
        key: &'a str,
    ) -> impl Iterator<Item = (&'a TableDef, &'a ColumnDef)> + 'a {
        self.tables
            .iter()
            .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
            .filter(move |(_, c)| c.enum_key.value == key)
    }
}

/// How an enum is written by serde.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SerdeMode {
    /// As its name (the default); read from name or alias.
    #[default]
    Name,
    /// As its number.
    Value,
}

impl SerdeMode {
    /// The spelling in `schema.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            SerdeMode::Name => "name",
            SerdeMode::Value => "value",
        }
    }
}

/// One `[enums.KEY]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumDef {
    /// The registry key, e.g. `task_status`.
    pub key: Spanned<String>,
    /// Span of the whole entry (its table header, or its key in an inline table).
    pub span: Span,
    /// Heading in the reference: `title`, or the key in Title Case.
    pub title: String,
    /// Prose shown under the heading.
    pub description: Option<String>,
    /// The Rust type name: `rust`, or the key in UpperCamelCase.
    pub rust_name: Spanned<String>,
    /// Name of the default variant.
    pub default: Option<Spanned<String>>,
    /// Numbers that may never be used (again).
    pub reserved: Vec<Spanned<i16>>,
    /// Whether unknown values are kept in an `Unknown(i16)` variant.
    pub open: bool,
    /// Span of `open = ...`, when given.
    pub open_span: Option<Span>,
    /// How serde writes the enum.
    pub serde: SerdeMode,
    /// The variants, in file order.
    pub variants: Vec<VariantDef>,
}

impl EnumDef {
    /// The variant named (or aliased) `name`.
    pub fn variant_by_name(&self, name: &str) -> Option<&VariantDef> {
        self.variants
            .iter()
            .find(|v| v.name.value == name)
            .or_else(|| {
                self.variants
                    .iter()
                    .find(|v| v.aliases.iter().any(|a| a.value == name))
            })
    }

    /// The variant with number `value`.
    pub fn variant_by_value(&self, value: i16) -> Option<&VariantDef> {
        self.variants.iter().find(|v| v.value.value == value)
    }

    /// The default variant, if the entry names one.
    pub fn default_variant(&self) -> Option<&VariantDef> {
        self.default
            .as_ref()
            .and_then(|d| self.variant_by_name(&d.value))
    }
}

/// One variant of an enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariantDef {
    /// The stored number.
    pub value: Spanned<i16>,
    /// The name, snake_case.
    pub name: Spanned<String>,
    /// What it means; may be empty.
    pub description: String,
    /// Other spellings accepted when parsing (legacy stored strings).
    pub aliases: Vec<Spanned<String>>,
    /// `deprecated = "note"`: still valid, but new code should not use it.
    pub deprecated: Option<String>,
    /// The Rust identifier: `rust`, or the name in UpperCamelCase.
    pub rust_name: Spanned<String>,
    /// Span of the whole variant.
    pub span: Span,
}

/// One `[tables.NAME]` entry: the columns of a table that store enum values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableDef {
    /// The table name.
    pub name: Spanned<String>,
    /// The bound columns, in file order.
    pub columns: Vec<ColumnDef>,
}

/// A column that stores values of one enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnDef {
    /// The column name.
    pub name: Spanned<String>,
    /// The enum it stores.
    pub enum_key: Spanned<String>,
    /// The name of its default variant.
    pub default: Option<Spanned<String>>,
}

/// An SQL dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dialect {
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
    /// MySQL and MariaDB.
    Mysql,
}

impl Dialect {
    /// Every dialect, in a fixed order.
    pub const ALL: [Dialect; 3] = [Dialect::Postgres, Dialect::Sqlite, Dialect::Mysql];

    /// The spelling used in `schema.toml` and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Sqlite => "sqlite",
            Dialect::Mysql => "mysql",
        }
    }

    /// Parses the spelling of [`as_str`](Self::as_str).
    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.as_str() == name)
    }
}

/// A template rendered with registry values (see `gb-enums render`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderSpec {
    /// The template, relative to the registry's directory.
    pub template: Spanned<String>,
    /// The rendered file, relative to the registry's directory.
    pub output: Spanned<String>,
    /// The dialect used to quote names.
    pub dialect: Dialect,
}

/// `[output]`: the files `gb-enums generate` writes, relative to the registry's directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutputConfig {
    /// The markdown reference.
    pub docs: Option<Spanned<String>>,
    /// One SQL file per dialect, in [`Dialect::ALL`] order.
    pub sql: Vec<(Dialect, Spanned<String>)>,
    /// Rendered templates, in file order.
    pub render: Vec<RenderSpec>,
    /// The TypeScript module for the front end.
    pub typescript: Option<Spanned<String>>,
    /// The JSON Schema document.
    pub jsonschema: Option<Spanned<String>>,
}
