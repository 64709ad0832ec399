//! TOML text -> [`Registry`], keeping the span of every key and value.
//!
//! The file is walked by hand over `toml`'s spanned document rather than deserialized with
//! `#[serde(deny_unknown_fields)]`, because serde stops at the first problem; here every
//! unknown key, wrong type and bad value is collected and the walk goes on. Cross-entry
//! rules (duplicates, defaults, identifiers) are in [`crate::validate`].

use serde_spanned::Spanned as TomlSpanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ident;
use crate::messages as msg;
use crate::model::*;
use crate::source::{Source, Span, Spanned};

const ROOT_KEYS: &[&str] = &["enums", "tables", "output", "retired"];
const ENUM_KEYS: &[&str] = &[
    "title",
    "description",
    "rust",
    "default",
    "reserved",
    "open",
    "serde",
    "variants",
];
const VARIANT_KEYS: &[&str] = &[
    "value",
    "name",
    "description",
    "aliases",
    "deprecated",
    "rust",
];
const COLUMN_KEYS: &[&str] = &["enum", "default"];
const OUTPUT_KEYS: &[&str] = &["docs", "sql", "render", "typescript", "jsonschema"];
const RENDER_KEYS: &[&str] = &["template", "out", "dialect"];

type Value<'i> = TomlSpanned<DeValue<'i>>;

/// Reads the registry text. Returns the registry (what could be read of it; `None` when the
/// text is not valid TOML) and every problem found while reading; the caller validates
/// afterwards.
pub fn parse(source: &Source) -> (Option<Registry>, Diagnostics) {
    let mut p = Parser {
        source,
        diags: Diagnostics::default(),
    };
    let mut registry = Registry {
        source: source.clone(),
        enums: Vec::new(),
        tables: Vec::new(),
        output: OutputConfig::default(),
        retired: Vec::new(),
    };
    let (root, errors) = DeTable::parse_recoverable(&source.text);
    for e in errors {
        let span = e.span().map(Span::from).unwrap_or_default();
        let at = source.text.get(span.start..span.end).unwrap_or_default();
        p.diags.push(Diagnostic::error(
            source,
            span,
            msg::toml_syntax(e.message(), at),
        ));
    }
    if p.diags.has_errors() {
        not_toml_hint(source, &mut p.diags);
        // A recovered document may hold half-read values; reporting on them would only add
        // noise after the syntax errors.
        return (None, p.diags);
    }
    for (key, value) in root.get_ref().iter() {
        match key.get_ref().as_ref() {
            "enums" => {
                if let Some(t) = p.table(value, "enums") {
                    for (k, v) in t.iter() {
                        if let Some(e) = p.enum_def(k, v) {
                            registry.enums.push(e);
                        }
                    }
                }
            }
            "tables" => {
                if let Some(t) = p.table(value, "tables") {
                    for (k, v) in t.iter() {
                        if let Some(t) = p.table_def(k, v) {
                            registry.tables.push(t);
                        }
                    }
                }
            }
            "output" => registry.output = p.output(value),
            "retired" => {
                for item in p.array(value, "retired").unwrap_or_default() {
                    match item.get_ref() {
                        DeValue::String(s) => registry
                            .retired
                            .push(Spanned::new(s.to_string(), span_of(item))),
                        _ => p.item_error(item, "retired", "a string"),
                    }
                }
            }
            other => p.unknown_key(key, other, "the registry", ROOT_KEYS),
        }
    }
    (Some(registry), p.diags)
}

/// How many syntax errors of a file that is not named `*.toml` are shown after the hint:
/// a SQL or markdown file passed as the registry makes hundreds.
const NOT_TOML_ERRORS_SHOWN: usize = 3;

/// A file not named `*.toml` that is not TOML either was most likely passed by mistake
/// (`--registry schema.sql`): say so first, and keep only its first few syntax errors.
fn not_toml_hint(source: &Source, diags: &mut Diagnostics) {
    let name = source.name.as_str();
    if name.to_ascii_lowercase().ends_with(".toml") {
        return;
    }
    let total = diags.len();
    diags.0.truncate(NOT_TOML_ERRORS_SHOWN);
    diags.push(Diagnostic::file_error(
        name,
        msg::not_toml(name, total - diags.len()),
    ));
}

struct Parser<'s> {
    source: &'s Source,
    diags: Diagnostics,
}

fn span_of<T>(v: &TomlSpanned<T>) -> Span {
    Span::from(v.span())
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a datetime",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'s> Parser<'s> {
    fn error(&mut self, span: Span, message: String) {
        self.diags
            .push(Diagnostic::error(self.source, span, message));
    }

    fn enum_error(&mut self, span: Span, message: String, enum_key: &str) {
        self.diags
            .push(Diagnostic::error(self.source, span, message).in_enum(enum_key));
    }

    fn unknown_key(
        &mut self,
        key: &TomlSpanned<std::borrow::Cow<'_, str>>,
        name: &str,
        context: &str,
        allowed: &[&str],
    ) {
        self.error(span_of(key), msg::unknown_key(name, context, allowed));
    }

    /// An item of the array `list` that is not `expected`.
    fn item_error(&mut self, item: &Value<'_>, list: &str, expected: &str) {
        self.error(
            span_of(item),
            msg::wrong_item_type(list, expected, type_name(item.get_ref())),
        );
    }

    fn table<'v, 'i>(&mut self, v: &'v Value<'i>, key: &str) -> Option<&'v DeTable<'i>> {
        match v.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(
                    span_of(v),
                    msg::wrong_type(key, "a table", type_name(other)),
                );
                None
            }
        }
    }

    fn string(&mut self, v: &Value<'_>, key: &str) -> Option<Spanned<String>> {
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), span_of(v))),
            other => {
                self.error(
                    span_of(v),
                    msg::wrong_type(key, "a string", type_name(other)),
                );
                None
            }
        }
    }

    fn boolean(&mut self, v: &Value<'_>, key: &str) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                self.error(
                    span_of(v),
                    msg::wrong_type(key, "a boolean", type_name(other)),
                );
                None
            }
        }
    }

    /// An integer that fits `i16`; `enum_key` names the enum in the range error.
    fn small_int(&mut self, v: &Value<'_>, key: &str, enum_key: &str) -> Option<Spanned<i16>> {
        match v.get_ref() {
            DeValue::Integer(i) => {
                let parsed = i128::from_str_radix(i.as_str(), i.radix()).ok();
                match parsed.and_then(|n| i16::try_from(n).ok()) {
                    Some(n) => Some(Spanned::new(n, span_of(v))),
                    None => {
                        self.enum_error(
                            span_of(v),
                            msg::value_out_of_range(&i.to_string(), enum_key),
                            enum_key,
                        );
                        None
                    }
                }
            }
            other => {
                self.enum_error(
                    span_of(v),
                    msg::wrong_type(key, "an integer", type_name(other)),
                    enum_key,
                );
                None
            }
        }
    }

    fn array<'v, 'i>(&mut self, v: &'v Value<'i>, key: &str) -> Option<&'v [Value<'i>]> {
        match v.get_ref() {
            DeValue::Array(a) => Some(&a[..]),
            other => {
                self.error(
                    span_of(v),
                    msg::wrong_type(key, "an array", type_name(other)),
                );
                None
            }
        }
    }

    fn enum_def(
        &mut self,
        key: &TomlSpanned<std::borrow::Cow<'_, str>>,
        v: &Value<'_>,
    ) -> Option<EnumDef> {
        let enum_key = Spanned::new(key.get_ref().to_string(), span_of(key));
        let before = self.diags.len();
        let table = self.table(v, &format!("enums.{}", enum_key.value))?;
        let context = format!("enum {}", enum_key.value);
        let mut def = EnumDef {
            span: span_of(key),
            title: ident::title_case(&enum_key.value),
            description: None,
            rust_name: Spanned::new(ident::upper_camel(&enum_key.value), enum_key.span),
            default: None,
            reserved: Vec::new(),
            open: false,
            open_span: None,
            serde: SerdeMode::Name,
            variants: Vec::new(),
            key: enum_key,
        };
        let ek = def.key.value.clone();
        let mut has_variants = false;
        for (k, val) in table.iter() {
            let name = k.get_ref().as_ref();
            match name {
                "title" => {
                    if let Some(s) = self.string(val, name) {
                        def.title = s.value;
                    }
                }
                "description" => def.description = self.string(val, name).map(|s| s.value),
                "rust" => {
                    if let Some(s) = self.string(val, name) {
                        def.rust_name = s;
                    }
                }
                "default" => def.default = self.string(val, name),
                "reserved" => {
                    for item in self.array(val, name).unwrap_or_default() {
                        if !matches!(item.get_ref(), DeValue::Integer(_)) {
                            self.item_error(item, "reserved", "an integer");
                        } else if let Some(n) = self.small_int(item, "reserved", &ek) {
                            def.reserved.push(n);
                        }
                    }
                }
                "open" => {
                    def.open = self.boolean(val, name).unwrap_or(false);
                    def.open_span = Some(span_of(val));
                }
                "serde" => {
                    if let Some(s) = self.string(val, name) {
                        match s.value.as_str() {
                            "name" => def.serde = SerdeMode::Name,
                            "value" => def.serde = SerdeMode::Value,
                            other => self.enum_error(s.span, msg::bad_serde_mode(other), &ek),
                        }
                    }
                }
                "variants" => {
                    has_variants = true;
                    let items = self.array(val, name);
                    if items.is_some_and(<[_]>::is_empty) {
                        self.error(span_of(val), msg::empty_enum(&ek));
                    }
                    for item in items.unwrap_or_default() {
                        if let Some(variant) = self.variant(item, &ek) {
                            def.variants.push(variant);
                        }
                    }
                }
                other => self.unknown_key(k, other, &context, ENUM_KEYS),
            }
        }
        // A `variants` that is not an array, or whose items all have errors, already has
        // its errors: only a missing or empty list is reported here.
        if !has_variants {
            self.error(def.span, msg::missing_variants(&ek));
        }
        // Tie everything said about this entry to it, so the macro can skip just this enum.
        for d in &mut self.diags.0[before..] {
            d.enum_key.get_or_insert_with(|| ek.clone());
        }
        Some(def)
    }

    fn variant(&mut self, v: &Value<'_>, enum_key: &str) -> Option<VariantDef> {
        let context = format!("a variant of enum {enum_key}");
        let DeValue::Table(table) = v.get_ref() else {
            self.item_error(
                v,
                "variants",
                "a table such as `{ value = 0, name = \"...\" }`",
            );
            return None;
        };
        let span = span_of(v);
        let mut value = None;
        let mut name: Option<Spanned<String>> = None;
        let mut description = String::new();
        let mut aliases = Vec::new();
        let mut deprecated = None;
        let mut rust = None;
        let mut complete = true;
        for (k, val) in table.iter() {
            let key = k.get_ref().as_ref();
            match key {
                "value" => {
                    value = self.small_int(val, key, enum_key);
                    complete &= value.is_some();
                }
                "name" => {
                    name = self.string(val, key);
                    complete &= name.is_some();
                }
                "description" => {
                    description = self.string(val, key).map(|s| s.value).unwrap_or_default()
                }
                "aliases" => {
                    for item in self.array(val, key).unwrap_or_default() {
                        match item.get_ref() {
                            DeValue::String(s) => {
                                aliases.push(Spanned::new(s.to_string(), span_of(item)))
                            }
                            _ => self.item_error(item, "aliases", "a string"),
                        }
                    }
                }
                "deprecated" => match val.get_ref() {
                    DeValue::Boolean(true) => deprecated = Some(String::new()),
                    DeValue::Boolean(false) => {}
                    DeValue::String(s) => deprecated = Some(s.to_string()),
                    other => self.error(
                        span_of(val),
                        msg::wrong_type(key, "a string or a boolean", type_name(other)),
                    ),
                },
                "rust" => rust = self.string(val, key),
                other => self.unknown_key(k, other, &context, VARIANT_KEYS),
            }
        }
        if table.get("value").is_none() {
            self.error(span, msg::missing_key("value", &context));
            complete = false;
        }
        if table.get("name").is_none() {
            self.error(span, msg::missing_key("name", &context));
            complete = false;
        }
        if !complete {
            return None;
        }
        let (value, name) = (value?, name?);
        let rust_name =
            rust.unwrap_or_else(|| Spanned::new(ident::upper_camel(&name.value), name.span));
        Some(VariantDef {
            value,
            name,
            description,
            aliases,
            deprecated,
            rust_name,
            span,
        })
    }

    fn table_def(
        &mut self,
        key: &TomlSpanned<std::borrow::Cow<'_, str>>,
        v: &Value<'_>,
    ) -> Option<TableDef> {
        let name = Spanned::new(key.get_ref().to_string(), span_of(key));
        let table = self.table(v, &format!("tables.{}", name.value))?;
        let mut columns = Vec::new();
        for (k, val) in table.iter() {
            let column = Spanned::new(k.get_ref().to_string(), span_of(k));
            let context = format!("column {}.{}", name.value, column.value);
            let Some(spec) = self.table(val, &context) else {
                continue;
            };
            let mut enum_key = None;
            let mut default = None;
            for (ck, cv) in spec.iter() {
                match ck.get_ref().as_ref() {
                    "enum" => enum_key = self.string(cv, "enum"),
                    "default" => default = self.string(cv, "default"),
                    other => self.unknown_key(ck, other, &context, COLUMN_KEYS),
                }
            }
            match enum_key {
                Some(enum_key) => columns.push(ColumnDef {
                    name: column,
                    enum_key,
                    default,
                }),
                None if spec.get("enum").is_none() => {
                    self.error(span_of(val), msg::missing_key("enum", &context))
                }
                None => {}
            }
        }
        Some(TableDef { name, columns })
    }

    fn output(&mut self, v: &Value<'_>) -> OutputConfig {
        let mut out = OutputConfig::default();
        let Some(table) = self.table(v, "output") else {
            return out;
        };
        for (k, val) in table.iter() {
            match k.get_ref().as_ref() {
                "docs" => out.docs = self.string(val, "docs"),
                "typescript" => out.typescript = self.string(val, "typescript"),
                "jsonschema" => out.jsonschema = self.string(val, "jsonschema"),
                "sql" => {
                    let Some(t) = self.table(val, "sql") else {
                        continue;
                    };
                    for (dk, dv) in t.iter() {
                        let Some(path) = self.string(dv, dk.get_ref()) else {
                            continue;
                        };
                        match Dialect::from_name(dk.get_ref()) {
                            Some(d) => out.sql.push((d, path)),
                            None => self.error(span_of(dk), msg::unknown_dialect(dk.get_ref())),
                        }
                    }
                    out.sql.sort_by_key(|(d, _)| *d);
                }
                "render" => {
                    for item in self.array(val, "render").unwrap_or_default() {
                        if let Some(spec) = self.render_spec(item) {
                            out.render.push(spec);
                        }
                    }
                }
                other => self.unknown_key(k, other, "[output]", OUTPUT_KEYS),
            }
        }
        out
    }

    fn render_spec(&mut self, v: &Value<'_>) -> Option<RenderSpec> {
        let table = self.table(v, "render")?;
        let (mut template, mut output, mut dialect) = (None, None, Some(Dialect::Postgres));
        for (k, val) in table.iter() {
            match k.get_ref().as_ref() {
                "template" => template = self.string(val, "template"),
                "out" => output = self.string(val, "out"),
                "dialect" => {
                    let s = self.string(val, "dialect")?;
                    dialect = Dialect::from_name(&s.value);
                    if dialect.is_none() {
                        self.error(s.span, msg::unknown_dialect(&s.value));
                    }
                }
                other => self.unknown_key(k, other, "a render entry of [output]", RENDER_KEYS),
            }
        }
        for (key, present) in [("template", template.is_some()), ("out", output.is_some())] {
            if !present && table.get(key).is_none() {
                self.error(
                    span_of(v),
                    msg::missing_key(key, "a render entry of [output]"),
                );
            }
        }
        Some(RenderSpec {
            template: template?,
            output: output?,
            dialect: dialect?,
        })
    }
}
