//! `#[derive(GbEnum)]`: matches a hand-written enum against its registry entry.

use proc_macro2::{Ident, TokenStream};
use syn::spanned::Spanned as _;

use super::{find, registry_errors, track, MacroEnv};
use crate::ident::snake_case;
use crate::model::{EnumDef, Registry};
use crate::render::rust::{impls, EnumShape};
use crate::source::Source;
use crate::suggest::did_you_mean;

struct EnumAttrs {
    name: Option<syn::LitStr>,
    registry: Option<syn::LitStr>,
}

fn enum_attrs(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) -> EnumAttrs {
    let mut out = EnumAttrs { name: None, registry: None };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("gb_enum")) {
        let res = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("registry") {
                out.registry = Some(meta.value()?.parse()?);
            } else {
                let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                let hint = did_you_mean(&key, ["name", "registry"]);
                return Err(meta.error(format!(
                    "unknown `gb_enum` attribute `{key}`{hint}; expected `name = \"...\"` or `registry = \"...\"`"
                )));
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
                Err(meta.error("unknown `gb_enum` variant attribute; expected `#[gb_enum(other)]` on the catch-all"))
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
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => discriminant(expr).map(|n| -n),
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
        return syn::Error::new(input.ident.span(), "`GbEnum` can only be derived for an enum").to_compile_error();
    };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(input.generics.span(), "a `GbEnum` enum cannot have generic parameters"));
    }
    let span = attrs.registry.as_ref().map_or_else(|| input.ident.span(), |l| l.span());
    let found = match find(env, attrs.registry.as_ref().map(|l| l.value()).as_deref()) {
        Ok(f) => f,
        Err(m) => {
            errors.push(syn::Error::new(span, m));
            return to_errors(errors);
        }
    };
    let mut out = track(&found.path);
    let Some(registry) = found.loaded.registry.as_ref().filter(|_| found.loaded.valid().is_ok()) else {
        out.extend(registry_errors(&found.loaded, span));
        out.extend(to_errors(errors));
        return out;
    };
    let key = attrs.name.as_ref().map_or_else(|| snake_case(&input.ident.to_string()), |l| l.value());
    let Some(def) = registry.enum_by_key(&key) else {
        let known: Vec<&str> = registry.enums.iter().map(|e| e.key.value.as_str()).collect();
        let name_span = attrs.name.as_ref().map_or_else(|| input.ident.span(), |l| l.span());
        let m = format!(
            "no enum `{key}` in {}{}; the entry is the snake_case of the type name, or `#[gb_enum(name = \"...\")]`",
            registry.source.name,
            did_you_mean(&key, known)
        );
        errors.push(syn::Error::new(name_span, m));
        out.extend(to_errors(errors));
        return out;
    };
    let shape = match_variants(input, data, registry, def, &mut errors);
    if !errors.is_empty() {
        out.extend(to_errors(errors));
        return out;
    }
    if let Some(shape) = shape {
        out.extend(impls(&shape, false));
    }
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
) -> Option<EnumShape<'a>> {
    let source = &registry.source;
    let entry_at = at(source, def.key.span);
    let key = &def.key.value;
    let mut catch_all: Option<Ident> = None;
    let mut matched = Vec::new();
    for v in &data.variants {
        if is_other(v, errors) {
            let single_i16 = matches!(&v.fields, syn::Fields::Unnamed(f) if f.unnamed.len() == 1);
            if !def.open {
                errors.push(syn::Error::new(
                    v.ident.span(),
                    format!("enum {key} is closed ({entry_at}): it has no catch-all; remove `#[gb_enum(other)]` or set `open = true` in the registry"),
                ));
            } else if !single_i16 {
                errors.push(syn::Error::new(v.span(), "the catch-all variant holds the raw value: `Unknown(i16)`"));
            } else if catch_all.is_some() {
                errors.push(syn::Error::new(v.ident.span(), "only one variant can be `#[gb_enum(other)]`"));
            } else {
                catch_all = Some(v.ident.clone());
            }
            continue;
        }
        if !matches!(v.fields, syn::Fields::Unit) {
            errors.push(syn::Error::new(
                v.span(),
                "a `GbEnum` variant has no fields; only the catch-all of an open enum, marked `#[gb_enum(other)]`, holds an `i16`",
            ));
            continue;
        }
        let name = v.ident.to_string();
        let Some(rv) = def.variants.iter().find(|rv| rv.rust_name.value == name) else {
            let expected = def.variants.iter().map(|rv| rv.rust_name.value.as_str());
            let m = format!(
                "variant `{name}` is not in enum {key} ({entry_at}){}",
                did_you_mean(&name, expected)
            );
            errors.push(syn::Error::new(v.ident.span(), m));
            continue;
        };
        if let Some((_, expr)) = &v.discriminant {
            match discriminant(expr) {
                Some(n) if n == i128::from(rv.value.value) => {}
                Some(n) => errors.push(syn::Error::new(
                    expr.span(),
                    format!(
                        "discriminant {n} of `{name}` differs from the registry: `{}` = {} at {}",
                        rv.name.value,
                        rv.value.value,
                        at(source, rv.value.span)
                    ),
                )),
                None => errors.push(syn::Error::new(
                    expr.span(),
                    format!("write the discriminant of `{name}` as an integer literal, or leave it out"),
                )),
            }
        }
        matched.push((v.ident.clone(), rv));
    }
    for rv in &def.variants {
        if !matched.iter().any(|(_, m)| std::ptr::eq(*m, rv)) {
            let m = format!(
                "missing variant `{}`: enum {key} has `{}` = {} at {}",
                rv.rust_name.value,
                rv.name.value,
                rv.value.value,
                at(source, rv.span)
            );
            errors.push(syn::Error::new(input.ident.span(), m));
        }
    }
    if def.open && catch_all.is_none() {
        errors.push(syn::Error::new(
            input.ident.span(),
            format!("enum {key} is open ({entry_at}): add a catch-all variant `#[gb_enum(other)] Unknown(i16)`"),
        ));
    }
    // Registry order, whatever order the hand-written enum uses: `ALL` follows the file.
    matched.sort_by_key(|(_, rv)| def.variants.iter().position(|x| std::ptr::eq(x, *rv)));
    Some(EnumShape { ident: input.ident.clone(), def, variants: matched, catch_all, repr_cast: false })
}
