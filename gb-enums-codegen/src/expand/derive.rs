//! `#[derive(GbEnum)]`: matches a hand-written enum against its registry entry.

use proc_macro2::{Ident, TokenStream};
use syn::spanned::Spanned as _;

use super::{find, registry_errors, track, MacroEnv};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ident::snake_case;
use crate::model::{EnumDef, Registry, VariantDef};
use crate::render::rust::{fallback, impls, EnumShape};
use crate::source::Source;
use crate::suggest::{closest, did_you_mean};

struct EnumAttrs {
    name: Option<syn::LitStr>,
    registry: Option<syn::LitStr>,
}

fn enum_attrs(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) -> EnumAttrs {
    let mut out = EnumAttrs {
        name: None,
        registry: None,
    };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("gb_enum")) {
        let res = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("registry") {
                out.registry = Some(meta.value()?.parse()?);
            } else {
                let key = meta
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                let hint = did_you_mean(&key, ["name", "registry"]);
                let hint = if hint.is_empty() {
                    "; expected `name = \"...\"` or `registry = \"...\"`".to_owned()
                } else {
                    hint
                };
                return Err(meta.error(format!("unknown `gb_enum` attribute `{key}`{hint}")));
            }
            Ok(())
        });
        if let Err(e) = res {
            errors.push(e);
        }
    }
    out
}

/// Whether a variant carries `#[gb_enum(other)]`.
fn is_other(v: &syn::Variant, errors: &mut Vec<syn::Error>) -> bool {
    let mut other = false;
    for attr in v.attrs.iter().filter(|a| a.path().is_ident("gb_enum")) {
        let res = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("other") {
                other = true;
                Ok(())
            } else {
                let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                Err(meta.error(format!(
                    "unknown `gb_enum` attribute `{key}` on a variant; the only one is `#[gb_enum(other)]`, which marks the catch-all of an open enum"
                )))
            }
        });
        if let Err(e) = res {
            errors.push(e);
        }
    }
    other
}

fn discriminant(expr: &syn::Expr) -> Option<i128> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => discriminant(expr).map(|n| -n),
        syn::Expr::Group(g) => discriminant(&g.expr),
        syn::Expr::Paren(p) => discriminant(&p.expr),
        _ => None,
    }
}

fn at(source: &Source, span: crate::source::Span) -> String {
    format!("{}:{}", source.name, source.location(span.start))
}

pub(super) fn expand(input: &syn::DeriveInput, env: &MacroEnv) -> TokenStream {
    let mut errors = Vec::new();
    let attrs = enum_attrs(input, &mut errors);
    let syn::Data::Enum(data) = &input.data else {
        return syn::Error::new(
            input.ident.span(),
            "`GbEnum` can only be derived for an enum",
        )
        .to_compile_error();
    };
    let generic = !input.generics.params.is_empty();
    if generic {
        errors.push(syn::Error::new(
            input.generics.span(),
            "a `GbEnum` enum cannot have generic parameters",
        ));
    }
    // On error, the errors and stand-in impls (see `fallback`), so that uses of the enum
    // elsewhere do not add "trait not implemented" errors to the real one.
    let fail = |errors: Vec<syn::Error>| {
        let mut out = to_errors(errors);
        if !generic {
            out.extend(fallback(&input.ident));
        }
        out
    };
    let span = attrs
        .registry
        .as_ref()
        .map_or_else(|| input.ident.span(), |l| l.span());
    let found = match find(env, attrs.registry.as_ref().map(|l| l.value()).as_deref()) {
        Ok(f) => f,
        Err(m) => {
            errors.push(syn::Error::new(span, m));
            return fail(errors);
        }
    };
    let mut out = track(&found.path);
    let Some(registry) = found.loaded.registry.as_ref() else {
        // Not TOML: nothing to match against.
        out.extend(registry_errors(&found.loaded, span));
        out.extend(fail(errors));
        return out;
    };
    let key = attrs
        .name
        .as_ref()
        .map_or_else(|| snake_case(&input.ident.to_string()), |l| l.value());
    // This derive reports the errors of its own entry and those of the file as a whole
    // (`[tables]`, `[output]`, unknown top-level keys). Another entry's errors are reported
    // by whatever uses that entry: twelve derives would otherwise repeat each other's.
    let errors_of = |entry: Option<&str>| -> Vec<syn::Error> {
        let of_entry =
            |d: &&Diagnostic| d.severity == Severity::Error && d.enum_key.as_deref() == entry;
        found
            .loaded
            .diagnostics
            .iter()
            .filter(of_entry)
            .map(|d| syn::Error::new(span, d.located_message()))
            .collect()
    };
    errors.extend(errors_of(None));
    let Some(def) = registry.enum_by_key(&key) else {
        let (span, m) = match &attrs.name {
            Some(name) => (name.span(), no_entry(registry, &key, None)),
            None => (
                input.ident.span(),
                no_entry(registry, &key, Some(&input.ident)),
            ),
        };
        errors.push(syn::Error::new(span, m));
        return extend(out, fail(errors));
    };
    let entry_errors = errors_of(Some(&key));
    if !entry_errors.is_empty() {
        // Matching variants against a broken entry would add guesses to its errors.
        errors.extend(entry_errors);
        return extend(out, fail(errors));
    }
    let shape = match_variants(input, data, registry, def, &mut errors);
    if !errors.is_empty() {
        return extend(out, fail(errors));
    }
    out.extend(impls(&shape, false));
    out
}

/// The error for an entry `key` that `registry` lacks; `type_name` when the key was derived
/// from it rather than given with `name = "..."`.
fn no_entry(registry: &Registry, key: &str, type_name: Option<&Ident>) -> String {
    let file = &registry.source.name;
    let keys = registry.enums.iter().map(|e| e.key.value.as_str());
    let hint = did_you_mean(key, keys.clone());
    match type_name {
        Some(ty) if hint.is_empty() => format!(
            "no enum `{key}` (the snake_case of `{ty}`) in {file}; name the entry with `#[gb_enum(name = \"...\")]`"
        ),
        Some(ty) => format!("no enum `{key}` (the snake_case of `{ty}`) in {file}{hint}"),
        None if hint.is_empty() && registry.enums.is_empty() => format!("no enum `{key}` in {file}; it has no enums"),
        None if hint.is_empty() => {
            let known: Vec<String> = keys.map(|k| format!("`{k}`")).collect();
            format!("no enum `{key}` in {file}; it has {}", known.join(", "))
        }
        None => format!("no enum `{key}` in {file}{hint}"),
    }
}

fn extend(mut out: TokenStream, more: TokenStream) -> TokenStream {
    out.extend(more);
    out
}

fn to_errors(errors: Vec<syn::Error>) -> TokenStream {
    errors.into_iter().map(|e| e.to_compile_error()).collect()
}

fn match_variants<'a>(
    input: &syn::DeriveInput,
    data: &syn::DataEnum,
    registry: &'a Registry,
    def: &'a EnumDef,
    errors: &mut Vec<syn::Error>,
) -> EnumShape<'a> {
    let source = &registry.source;
    let entry_at = at(source, def.key.span);
    let key = &def.key.value;
    let mut catch_all: Option<Ident> = None;
    let mut matched = Vec::new();
    // Hand-written variants that match no registry variant, with the registry variant their
    // name is closest to, if any.
    let mut unmatched: Vec<(&syn::Variant, Option<&'a VariantDef>)> = Vec::new();
    let mut saw_other = false;
    for v in &data.variants {
        if is_other(v, errors) {
            saw_other = true;
            let single_i16 = matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1);
            if !def.open {
                errors.push(syn::Error::new(
                    v.ident.span(),
                    format!(
                        "enum {key} is closed ({entry_at}), so it has no catch-all; remove `#[gb_enum(other)]` or set `open = true` in the registry"
                    ),
                ));
            } else if !single_i16 {
                errors.push(syn::Error::new(
                    v.ident.span(),
                    format!(
                        "the catch-all holds the raw value: write it `{}(i16)`",
                        v.ident
                    ),
                ));
            } else if let Some(first) = &catch_all {
                errors.push(syn::Error::new(
                    v.ident.span(),
                    format!("only one variant can be `#[gb_enum(other)]`; `{first}` already is"),
                ));
            } else {
                catch_all = Some(v.ident.clone());
            }
            continue;
        }
        if !matches!(v.fields, syn::Fields::Unit) {
            let m = if def.open {
                "a `GbEnum` variant has no fields; only the catch-all, marked `#[gb_enum(other)]`, holds an `i16`"
            } else {
                "a `GbEnum` variant has no fields"
            };
            errors.push(syn::Error::new_spanned(&v.fields, m));
            continue;
        }
        let name = v.ident.to_string();
        let Some(rv) = def.variants.iter().find(|rv| rv.rust_name.value == name) else {
            let close = closest(
                &name,
                def.variants.iter().map(|rv| rv.rust_name.value.as_str()),
            );
            unmatched.push((
                v,
                close.and_then(|c| def.variants.iter().find(|rv| rv.rust_name.value == c)),
            ));
            continue;
        };
        if let Some((_, expr)) = &v.discriminant {
            match discriminant(expr) {
                Some(n) if n == i128::from(rv.value.value) => {}
                Some(n) => errors.push(syn::Error::new_spanned(
                    expr,
                    format!(
                        "`{name}` = {n}, but the registry stores `{}` as {} ({}); fix the discriminant or leave it out",
                        rv.name.value,
                        rv.value.value,
                        at(source, rv.value.span)
                    ),
                )),
                None => errors.push(syn::Error::new_spanned(
                    expr,
                    format!(
                        "write the discriminant of `{name}` as an integer literal, {} as in the registry, or leave it out",
                        rv.value.value
                    ),
                )),
            }
        }
        matched.push((v.ident.clone(), rv));
    }
    let is_matched = |rv: &VariantDef| matched.iter().any(|(_, m)| std::ptr::eq(*m, rv));
    let mut misnamed: Vec<&VariantDef> = Vec::new();
    for (v, close) in unmatched {
        // A near miss of a registry variant that is not otherwise matched is a misspelling:
        // one error here says it all, and the registry variant is not reported missing.
        let m = match close.filter(|rv| !is_matched(rv) && !misnamed.iter().any(|m| std::ptr::eq(*m, *rv))) {
            Some(rv) => {
                misnamed.push(rv);
                format!(
                    "variant `{}` is not in enum {key}; did you mean `{}` (`{}` = {} at {})?",
                    v.ident,
                    rv.rust_name.value,
                    rv.name.value,
                    rv.value.value,
                    at(source, rv.span)
                )
            }
            None => format!(
                "variant `{}` is not in enum {key} ({entry_at}); add it to the registry or remove it here",
                v.ident
            ),
        };
        errors.push(syn::Error::new(v.ident.span(), m));
    }
    for rv in &def.variants {
        if !is_matched(rv) && !misnamed.iter().any(|m| std::ptr::eq(*m, rv)) {
            let m = format!(
                "missing variant `{}` for `{}` = {} of enum {key} ({})",
                rv.rust_name.value,
                rv.name.value,
                rv.value.value,
                at(source, rv.span)
            );
            errors.push(syn::Error::new(input.ident.span(), m));
        }
    }
    // A catch-all that is marked but malformed has its own error already.
    if def.open && !saw_other {
        errors.push(syn::Error::new(
            input.ident.span(),
            format!("enum {key} is open ({entry_at}): add a catch-all variant `#[gb_enum(other)] Unknown(i16)`"),
        ));
    }
    // Registry order, whatever order the hand-written enum uses: `ALL` follows the file.
    matched.sort_by_key(|(_, rv)| def.variants.iter().position(|x| std::ptr::eq(x, *rv)));
    EnumShape {
        ident: input.ident.clone(),
        def,
        variants: matched,
        catch_all,
        repr_cast: false,
    }
}
