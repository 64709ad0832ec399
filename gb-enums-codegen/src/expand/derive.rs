//! `#[derive(GbEnum)]`: matches a hand-written enum against its registry entry.

use proc_macro2::{Ident, TokenStream};
use syn::spanned::Spanned as _;

use super::{find, messages, registry_errors, track, MacroEnv};
use crate::diagnostic::{Diagnostic, Severity};
use crate::ident::snake_case;
use crate::model::{EnumDef, Registry, VariantDef};
use crate::render::rust::{fallback, impls, skippable, EnumShape, Skip};
use crate::source::Source;
use crate::suggest::closest;

struct EnumAttrs {
    name: Option<syn::LitStr>,
    registry: Option<syn::LitStr>,
    skip: Skip,
}

/// `skip(Display, serde, ...)`, inside `#[gb_enum(...)]` (here and in `registry!`).
pub(super) fn parse_skip(
    meta: &syn::meta::ParseNestedMeta<'_>,
    skip: &mut Skip,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<()> {
    let accepted = skippable();
    meta.parse_nested_meta(|item| {
        let name = item
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_else(|| path_text(&item.path));
        if accepted.contains(&name.as_str()) {
            skip.add(&name);
        } else {
            // Reported, and the other names still read: all errors at once.
            errors.push(syn::Error::new_spanned(
                &item.path,
                messages::unknown_skip(&name, &accepted),
            ));
        }
        Ok(())
    })
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn enum_attrs(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) -> EnumAttrs {
    let mut out = EnumAttrs {
        name: None,
        registry: None,
        skip: Skip::none(),
    };
    let mut skip_errors = Vec::new();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("gb_enum")) {
        let res = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("registry") {
                out.registry = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("skip") {
                parse_skip(&meta, &mut out.skip, &mut skip_errors)?;
            } else {
                let key = path_text(&meta.path);
                return Err(meta.error(messages::unknown_enum_attr(&key)));
            }
            Ok(())
        });
        if let Err(e) = res {
            errors.push(e);
        }
    }
    errors.extend(skip_errors);
    out
}

/// What `#[gb_enum(...)]` says about a variant.
#[derive(Default)]
struct VariantAttrs {
    /// `other`: the catch-all of an open enum.
    other: bool,
    /// `name = "..."`: the registry name the variant stands for.
    name: Option<syn::LitStr>,
}

fn variant_attrs(v: &syn::Variant, errors: &mut Vec<syn::Error>) -> VariantAttrs {
    let mut out = VariantAttrs::default();
    for attr in v.attrs.iter().filter(|a| a.path().is_ident("gb_enum")) {
        let res = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("other") {
                out.other = true;
            } else if meta.path.is_ident("name") {
                out.name = Some(meta.value()?.parse()?);
            } else {
                let key = path_text(&meta.path);
                return Err(meta.error(messages::unknown_variant_attr(&key)));
            }
            Ok(())
        });
        if let Err(e) = res {
            errors.push(e);
        }
    }
    if let (true, Some(name)) = (out.other, &out.name) {
        errors.push(syn::Error::new(
            name.span(),
            "the catch-all holds values the registry does not name; it takes no `name`",
        ));
    }
    out
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
            out.extend(fallback(&input.ident, &attrs.skip));
            out.extend(assert_copy(&input.ident));
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
    // Without `name = "..."`, an entry whose `rust = "..."` is the type's name is its entry
    // too: `rust = "ListingType"` on `[enums.listing_type_enum]` says as much.
    let by_rust_name = || {
        let ty = input.ident.to_string();
        registry.enums.iter().find(|e| e.rust_name.value == ty)
    };
    let def = match registry.enum_by_key(&key) {
        Some(def) => Some(def),
        None if attrs.name.is_none() => by_rust_name(),
        None => None,
    };
    let key = def.map_or(key, |d| d.key.value.clone());
    let Some(def) = def else {
        let keys = registry.enums.iter().map(|e| e.key.value.as_str());
        let file = &registry.source.name;
        let (span, m) = match &attrs.name {
            Some(name) => (name.span(), messages::no_entry(&key, file, None, keys)),
            None => {
                let ty = input.ident.to_string();
                (
                    input.ident.span(),
                    messages::no_entry(&key, file, Some(&ty), keys),
                )
            }
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
    let shape = match_variants(input, data, registry, def, attrs.skip.clone(), &mut errors);
    if !errors.is_empty() {
        return extend(out, fail(errors));
    }
    out.extend(impls(&shape, false));
    out.extend(assert_copy(&input.ident));
    out
}

/// `GbEnum` needs `Copy`; without it, this is the one error that says so in words (see
/// `gb_enums::__private::DeriveGbEnumNeedsCopy`). Spanned at the derive (`GbEnum` in the
/// `#[derive(...)]` list), where `Clone, Copy` go; at the type name rustc would suggest
/// borrowing it.
fn assert_copy(ty: &Ident) -> TokenStream {
    quote::quote! {
        const _: () = ::gb_enums::__private::assert_copy::<#ty>();
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
    skip: Skip,
    errors: &mut Vec<syn::Error>,
) -> EnumShape<'a> {
    let source = &registry.source;
    let entry_at = at(source, def.key.span);
    let key = &def.key.value;
    let mut catch_all: Option<Ident> = None;
    let mut matched: Vec<(Ident, &'a VariantDef)> = Vec::new();
    // Hand-written variants that match no registry variant, with the registry variant they
    // most likely mean, if any.
    let mut unmatched: Vec<(&syn::Variant, Option<&'a VariantDef>)> = Vec::new();
    let mut saw_other = false;
    // rustc refuses discriminants next to a variant with fields unless the enum has a
    // `repr` (E0732, which does not say so); one error here does, once.
    let needs_repr = data
        .variants
        .iter()
        .any(|v| !matches!(v.fields, syn::Fields::Unit))
        && !input.attrs.iter().any(|a| a.path().is_ident("repr"));
    let mut repr_reported = false;
    for v in &data.variants {
        let va = variant_attrs(v, errors);
        if va.other {
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
        let ident = v.ident.to_string();
        let rv = match &va.name {
            Some(lit) => {
                let name = lit.value();
                match def.variants.iter().find(|rv| rv.name.value == name) {
                    Some(rv) => rv,
                    None => {
                        let names: Vec<&str> = def
                            .variants
                            .iter()
                            .map(|rv| rv.name.value.as_str())
                            .collect();
                        errors.push(syn::Error::new(
                            lit.span(),
                            messages::no_registry_name(&name, key, &entry_at, &names),
                        ));
                        continue;
                    }
                }
            }
            None => match def.variants.iter().find(|rv| rv.rust_name.value == ident) {
                Some(rv) => rv,
                None => {
                    unmatched.push((v, likely_meant(&ident, def)));
                    continue;
                }
            },
        };
        if let Some((first, _)) = matched.iter().find(|(_, m)| std::ptr::eq(*m, rv)) {
            errors.push(syn::Error::new(
                v.ident.span(),
                messages::mapped_twice(&ident, &first.to_string(), &rv.name.value),
            ));
            continue;
        }
        if let Some((_, expr)) = &v.discriminant {
            if needs_repr && !repr_reported {
                repr_reported = true;
                errors.push(syn::Error::new_spanned(
                    expr,
                    messages::discriminants_need_repr(&input.ident.to_string()),
                ));
            }
            match discriminant(expr) {
                Some(n) if n == i128::from(rv.value.value) => {}
                Some(n) => errors.push(syn::Error::new_spanned(
                    expr,
                    format!(
                        "`{ident}` = {n}, but the registry stores `{}` as {} ({}); fix the discriminant or leave it out",
                        rv.name.value,
                        rv.value.value,
                        at(source, rv.value.span)
                    ),
                )),
                None => errors.push(syn::Error::new_spanned(
                    expr,
                    format!(
                        "write the discriminant of `{ident}` as an integer literal, {} as in the registry, or leave it out",
                        rv.value.value
                    ),
                )),
            }
        }
        matched.push((v.ident.clone(), rv));
    }
    let is_matched = |rv: &VariantDef| matched.iter().any(|(_, m)| std::ptr::eq(*m, rv));
    let mut misnamed: Vec<&VariantDef> = Vec::new();
    for (v, near) in unmatched {
        // A near miss of a registry variant that is not otherwise matched is a misspelling:
        // one error here says it all, and the registry variant is not reported missing.
        let ident = v.ident.to_string();
        let near =
            near.filter(|rv| !is_matched(rv) && !misnamed.iter().any(|m| std::ptr::eq(*m, *rv)));
        let m = match near {
            Some(rv) => {
                misnamed.push(rv);
                messages::variant_looks_like(
                    &ident,
                    key,
                    &rv.name.value,
                    &rv.rust_name.value,
                    rv.value.value,
                    &at(source, rv.span),
                )
            }
            None => messages::variant_matches_nothing(&ident, key, &entry_at),
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
        derived: true,
        skip,
        attrs: TokenStream::new(),
    }
}

/// The registry variant a Rust variant `ident` that matches none most likely means: the one
/// whose name is its snake_case (`WindowsCLI` -> `windows_cli`, whose identifier is
/// `WindowsCli`), else the nearest identifier, ignoring case.
fn likely_meant<'a>(ident: &str, def: &'a EnumDef) -> Option<&'a VariantDef> {
    let snake = snake_case(ident);
    if let Some(rv) = def.variants.iter().find(|rv| rv.name.value == snake) {
        return Some(rv);
    }
    let near = closest(
        ident,
        def.variants.iter().map(|rv| rv.rust_name.value.as_str()),
    )
    .and_then(|c| def.variants.iter().find(|rv| rv.rust_name.value == c));
    near.or_else(|| {
        let lower = ident.to_ascii_lowercase();
        def.variants
            .iter()
            .find(|rv| rv.rust_name.value.to_ascii_lowercase() == lower)
    })
}
