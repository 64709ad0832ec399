//! The rules of the registry format that span more than one value: uniqueness, reserved
//! numbers, defaults, identifiers, bindings in `[tables]`.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ident;
use crate::messages as msg;
use crate::model::*;
use crate::source::Source;

/// Checks every rule; pushes one diagnostic per broken rule.
pub fn validate(registry: &Registry, diags: &mut Diagnostics) {
    let source = &registry.source;
    let mut type_names: HashMap<&str, &EnumDef> = HashMap::new();
    for e in &registry.enums {
        let mut v = EnumValidator { source, e, diags };
        v.check();
        match type_names.get(e.rust_name.value.as_str()) {
            Some(first) if ident::rust_ident_problem(&e.rust_name.value).is_none() => {
                let line = source.location(first.key.span.start).line;
                let message = msg::rust_ident_clash(
                    &e.rust_name.value,
                    &format!("enum {}", e.key.value),
                    &format!("enum {}", first.key.value),
                    line,
                );
                diags.push(
                    Diagnostic::error(source, e.rust_name.span, message).in_enum(&e.key.value),
                );
            }
            _ => {
                type_names.insert(&e.rust_name.value, e);
            }
        }
    }
    retired(registry, diags);
    if registry.enums.is_empty() && registry.retired.is_empty() {
        diags.push(Diagnostic::file_error(&source.name, msg::empty_registry()).warning());
    }
    let known: Vec<&str> = registry
        .enums
        .iter()
        .map(|e| e.key.value.as_str())
        .collect();
    for t in &registry.tables {
        if !ident::is_sql_identifier(&t.name.value) {
            diags.push(Diagnostic::error(
                source,
                t.name.span,
                msg::invalid_sql_ident(&t.name.value, "table"),
            ));
        }
        for c in &t.columns {
            if !ident::is_sql_identifier(&c.name.value) {
                diags.push(Diagnostic::error(
                    source,
                    c.name.span,
                    msg::invalid_sql_ident(&c.name.value, "column"),
                ));
            }
            let Some(e) = registry.enum_by_key(&c.enum_key.value) else {
                let column = format!("{}.{}", t.name.value, c.name.value);
                let m = msg::unknown_enum(&c.enum_key.value, &column, &known);
                diags.push(Diagnostic::error(source, c.enum_key.span, m));
                continue;
            };
            if let Some(d) = &c.default {
                // Not tied to the enum: the entry itself is fine, the table's binding is not.
                check_default(source, e, d, diags, false);
            }
        }
    }
}

/// `retired`: keys of enums gone for good, each a valid key listed once and not defined.
fn retired(registry: &Registry, diags: &mut Diagnostics) {
    let source = &registry.source;
    let mut first: HashMap<&str, &crate::source::Spanned<String>> = HashMap::new();
    for r in &registry.retired {
        let key = r.value.as_str();
        if let Some(f) = first.get(key) {
            let line = source.location(f.span.start).line;
            diags.push(Diagnostic::error(
                source,
                r.span,
                msg::retired_twice(key, line),
            ));
            continue;
        }
        first.insert(key, r);
        if !ident::is_snake_case(key) {
            diags.push(Diagnostic::error(
                source,
                r.span,
                msg::invalid_enum_key(key),
            ));
        } else if registry.enum_by_key(key).is_some() {
            diags.push(Diagnostic::error(
                source,
                r.span,
                msg::retired_still_defined(key),
            ));
        }
    }
}

fn check_default(
    source: &Source,
    e: &EnumDef,
    d: &crate::source::Spanned<String>,
    diags: &mut Diagnostics,
    of_entry: bool,
) {
    let tag = |diag: Diagnostic| {
        if of_entry {
            diag.in_enum(&e.key.value)
        } else {
            diag
        }
    };
    // A default must be a name: an alias is a legacy spelling, not something to write anew.
    match e.variants.iter().find(|v| v.name.value == d.value) {
        Some(v) if v.deprecated.is_some() => {
            let w = Diagnostic::error(
                source,
                d.span,
                msg::deprecated_default(&d.value, &e.key.value),
            )
            .warning();
            diags.push(tag(w));
        }
        Some(_) => {}
        None => {
            let names: Vec<&str> = match e.variant_by_name(&d.value) {
                Some(v) => vec![v.name.value.as_str()],
                None => e.variants.iter().map(|v| v.name.value.as_str()).collect(),
            };
            let alias = e.variant_by_name(&d.value).is_some();
            let m = msg::unknown_default(&d.value, &e.key.value, &names, alias);
            diags.push(tag(Diagnostic::error(source, d.span, m)));
        }
    }
}

struct EnumValidator<'a> {
    source: &'a Source,
    e: &'a EnumDef,
    diags: &'a mut Diagnostics,
}

impl EnumValidator<'_> {
    fn error(&mut self, span: crate::source::Span, message: String) {
        self.diags
            .push(Diagnostic::error(self.source, span, message).in_enum(&self.e.key.value));
    }

    fn line(&self, span: crate::source::Span) -> usize {
        self.source.location(span.start).line
    }

    fn check(&mut self) {
        let e = self.e;
        let key = e.key.value.as_str();
        if !ident::is_snake_case(key) {
            self.error(e.key.span, msg::invalid_enum_key(key));
        }
        // A key that is not snake_case already has its error; its identifier would only
        // repeat it, unless `rust = "..."` chose the identifier.
        let explicit = e.rust_name.span != e.key.span;
        if let Some(problem) = ident::rust_ident_problem(&e.rust_name.value)
            .filter(|_| explicit || ident::is_snake_case(key))
        {
            let what = format!("enum {key}");
            self.error(
                e.rust_name.span,
                msg::bad_rust_ident(&e.rust_name.value, problem, &what, key, explicit),
            );
        }
        self.check_reserved();
        self.check_variants();
        if let Some(d) = &e.default {
            check_default(self.source, e, d, self.diags, true);
        }
    }

    fn check_reserved(&mut self) {
        let mut seen = Vec::new();
        for r in &self.e.reserved {
            if seen.contains(&r.value) {
                self.error(r.span, msg::duplicate_reserved(r.value, &self.e.key.value));
            }
            seen.push(r.value);
        }
    }

    fn check_variants(&mut self) {
        let e = self.e;
        let key = e.key.value.as_str();
        // Every spelling that parses to a variant: names and aliases, with where they stand.
        let mut spellings: HashMap<&str, (&VariantDef, bool, crate::source::Span)> = HashMap::new();
        let mut values: HashMap<i16, &VariantDef> = HashMap::new();
        let mut idents: HashMap<&str, &VariantDef> = HashMap::new();
        for v in &e.variants {
            let name = v.name.value.as_str();
            let valid_name = ident::is_snake_case(name);
            if !valid_name {
                self.error(v.name.span, msg::invalid_variant_name(name, key));
            }
            let mut unique_name = true;
            match spellings.get(name) {
                Some((_, true, span)) => {
                    unique_name = false;
                    let line = self.line(*span);
                    self.error(v.name.span, msg::duplicate_name(name, key, line));
                }
                Some((first, false, span)) => {
                    let line = self.line(*span);
                    let other = format!("alias `{name}` of `{}`", first.name.value);
                    self.error(v.name.span, msg::alias_clash(name, key, &other, line));
                }
                None => {
                    spellings.insert(name, (v, true, v.name.span));
                }
            }
            match values.get(&v.value.value) {
                Some(first) => {
                    let line = self.line(first.value.span);
                    self.error(
                        v.value.span,
                        msg::duplicate_value(v.value.value, key, &first.name.value, line),
                    );
                }
                None => {
                    values.insert(v.value.value, v);
                }
            }
            if let Some(r) = e.reserved.iter().find(|r| r.value == v.value.value) {
                let line = self.line(r.span);
                self.error(
                    v.value.span,
                    msg::reserved_used(v.value.value, key, name, line),
                );
            }
            // The parser derives the identifier from the name with the name's span; a
            // different span means `rust = "..."` chose it.
            let explicit = v.rust_name.span != v.name.span;
            if !explicit && (!valid_name || !unique_name) {
                // The name's own error says it all: a bad or repeated name makes a bad or
                // repeated identifier.
                continue;
            }
            let rust = v.rust_name.value.as_str();
            if let Some(problem) = ident::rust_ident_problem(rust) {
                let what = format!("variant `{name}` of enum {key}");
                self.error(
                    v.rust_name.span,
                    msg::bad_rust_ident(rust, problem, &what, name, explicit),
                );
            } else if e.open && rust == "Unknown" {
                self.error(v.rust_name.span, msg::open_unknown_clash(key, name));
            } else if let Some(first) = idents.get(rust) {
                let line = self.line(first.name.span);
                let what = format!("variant `{name}`");
                let other = format!("`{}`", first.name.value);
                self.error(
                    v.rust_name.span,
                    msg::rust_ident_clash(rust, &what, &other, line),
                );
            } else {
                idents.insert(rust, v);
            }
        }
        // Aliases after all names, so that an alias equal to a later name is still caught.
        for v in &e.variants {
            for a in &v.aliases {
                if a.value.is_empty() {
                    self.error(a.span, msg::empty_alias(key));
                    continue;
                }
                match spellings.get(a.value.as_str()) {
                    Some((first, is_name, span)) => {
                        let line = self.line(*span);
                        let other = if *is_name {
                            format!("the name of `{}`", first.name.value)
                        } else {
                            format!("an alias of `{}`", first.name.value)
                        };
                        self.error(a.span, msg::alias_clash(&a.value, key, &other, line));
                    }
                    None => {
                        spellings.insert(&a.value, (v, false, a.span));
                    }
                }
            }
        }
    }
}
