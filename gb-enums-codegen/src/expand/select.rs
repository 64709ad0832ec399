//! The arguments of `registry!`: which registry, which of its entries, and what to add to
//! the generated enums.
//!
//! ```text
//! registry!()
//! registry!("config/schema.toml")
//! registry!(only = ["task_status", "task_priority"])
//! registry!("config/schema.toml", except = ["risk_level"])
//! registry!(
//!     attrs = { #[derive(utoipa::ToSchema)] },                       // every generated enum
//!     attrs(task_priority) = { #[gb_enum(skip(Ord))] #[derive(PartialOrd, Ord)] },  // one
//! )
//! ```
//!
//! `attrs` blocks hold outer attributes written as on an enum; the generated enum carries
//! them, except `#[gb_enum(skip(...))]`, which leaves impls out as on a derived enum.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens as _;
use syn::parse::{ParseStream, Parser as _};
use syn::spanned::Spanned as _;

use super::messages;
use crate::model::Registry;
use crate::render::rust::Skip;
use crate::suggest::closest;

/// What `registry!(...)` was given.
#[derive(Default)]
pub(super) struct Args {
    /// The registry path, relative to the crate's `Cargo.toml`.
    pub path: Option<syn::LitStr>,
    /// `only = [...]` or `except = [...]`, with the option's name.
    pub filter: Option<(syn::Ident, Vec<syn::LitStr>)>,
    /// `attrs = { ... }`: for every enum.
    pub all: Extra,
    /// `attrs(key) = { ... }`: for one enum.
    pub per_entry: Vec<(syn::Ident, Extra)>,
}

/// Attributes for generated enums, and the impls they skip.
#[derive(Default, Clone)]
pub(super) struct Extra {
    pub attrs: TokenStream,
    pub skip: Skip,
}

const OPTIONS: &[&str] = &["only", "except", "attrs"];

/// Names people reach for that `registry!` spells differently.
const OPTION_SYNONYMS: &[(&str, &str)] = &[
    ("exclude", "except"),
    ("skip", "except"),
    ("include", "only"),
    ("attributes", "attrs"),
    ("attr", "attrs"),
    ("derive", "attrs"),
];

const USAGE: &str = "expected `registry!()`, `registry!(\"path/to/schema.toml\")`, or options after the path: `only = [\"key\", ...]`, `except = [\"key\", ...]`, `attrs = { #[...] }`, `attrs(key) = { #[...] }`";

impl Args {
    /// Parses the macro input: `Err` when it cannot be read at all; otherwise the problems
    /// found on the way (unknown `skip` names, two lists) are in `errors`, located.
    pub fn parse(input: TokenStream, errors: &mut Vec<syn::Error>) -> syn::Result<Args> {
        let mut args = Args::default();
        let parser = |stream: ParseStream<'_>| -> syn::Result<()> {
            if stream.peek(syn::LitStr) {
                args.path = Some(stream.parse()?);
                if !stream.is_empty() {
                    stream.parse::<syn::Token![,]>()?;
                }
            }
            while !stream.is_empty() {
                let key: syn::Ident = stream
                    .parse()
                    .map_err(|e| syn::Error::new(e.span(), USAGE))?;
                match key.to_string().as_str() {
                    "only" | "except" => {
                        stream.parse::<syn::Token![=]>()?;
                        let content;
                        syn::bracketed!(content in stream);
                        let keys = content.parse_terminated(
                            <syn::LitStr as syn::parse::Parse>::parse,
                            syn::Token![,],
                        )?;
                        if let Some((first, _)) = &args.filter {
                            errors.push(syn::Error::new(
                                key.span(),
                                format!("`{key}` after `{first}`: give one list, of the enums to generate (`only`) or of those to leave out (`except`)"),
                            ));
                        } else {
                            args.filter = Some((key, keys.into_iter().collect()));
                        }
                    }
                    "attrs" => {
                        let entry = if stream.peek(syn::token::Paren) {
                            let content;
                            syn::parenthesized!(content in stream);
                            let entry: syn::Ident = content.parse()?;
                            if !content.is_empty() {
                                return Err(content.error(
                                    "expected one enum key, as in `attrs(task_status) = { ... }`",
                                ));
                            }
                            Some(entry)
                        } else {
                            None
                        };
                        stream.parse::<syn::Token![=]>()?;
                        let content;
                        syn::braced!(content in stream);
                        let attrs = content.call(syn::Attribute::parse_outer)?;
                        if !content.is_empty() {
                            return Err(content.error(
                                "expected attributes such as `#[derive(utoipa::ToSchema)]`",
                            ));
                        }
                        let extra = extra(attrs, errors);
                        match entry {
                            Some(e) => args.per_entry.push((e, extra)),
                            None => {
                                args.all.attrs.extend(extra.attrs);
                                for name in extra.skip.names() {
                                    args.all.skip.add(name);
                                }
                            }
                        }
                    }
                    other => {
                        let synonym = OPTION_SYNONYMS
                            .iter()
                            .find(|(k, _)| *k == other)
                            .map(|(_, v)| *v);
                        let hint = match synonym.or_else(|| closest(other, OPTIONS.iter().copied())) {
                            Some(c) => format!("; did you mean `{c}`?"),
                            None => format!(
                                "; expected the registry path as a string (`\"config/schema.toml\"`) or one of {}",
                                messages::list(OPTIONS.iter().copied())
                            ),
                        };
                        return Err(syn::Error::new(
                            key.span(),
                            format!("unknown `registry!` option `{other}`{hint}"),
                        ));
                    }
                }
                if !stream.is_empty() {
                    stream.parse::<syn::Token![,]>()?;
                }
            }
            Ok(())
        };
        parser.parse2(input)?;
        Ok(args)
    }

    /// Checks the keys the arguments name against `registry`; returns whether the enum `key`
    /// is to be generated and with what.
    pub fn check(&self, registry: &Registry, errors: &mut Vec<syn::Error>) -> Selection {
        let file = &registry.source.name;
        let keys: Vec<&str> = registry
            .enums
            .iter()
            .map(|e| e.key.value.as_str())
            .collect();
        let mut sel = Selection {
            filter: None,
            all: self.all.clone(),
            per_entry: Vec::new(),
        };
        if let Some((option, listed)) = &self.filter {
            let option_name = option.to_string();
            let mut names = Vec::new();
            for lit in listed {
                let k = lit.value();
                if !keys.contains(&k.as_str()) {
                    errors.push(syn::Error::new(
                        lit.span(),
                        messages::unknown_selected(&option_name, &k, file, &keys),
                    ));
                }
                names.push(k);
            }
            sel.filter = Some((option_name == "only", names));
        }
        for (entry, extra) in &self.per_entry {
            let k = entry.to_string();
            if !keys.contains(&k.as_str()) {
                errors.push(syn::Error::new(
                    entry.span(),
                    messages::unknown_selected("attrs", &k, file, &keys),
                ));
            } else if !sel.generates(&k) {
                errors.push(syn::Error::new(
                    entry.span(),
                    format!(
                        "`attrs({k})` is for an enum this `registry!` does not generate (see `{}`)",
                        self.filter
                            .as_ref()
                            .map(|(o, _)| o.to_string())
                            .unwrap_or_default()
                    ),
                ));
            }
            sel.per_entry.push((k, extra.clone()));
        }
        sel
    }

    /// Where errors about the registry file are reported.
    pub fn span(&self) -> Span {
        self.path
            .as_ref()
            .map_or_else(Span::call_site, |l| l.span())
    }
}

/// The attributes: `#[gb_enum(skip(...))]` read, the rest kept for the declaration.
fn extra(attrs: Vec<syn::Attribute>, errors: &mut Vec<syn::Error>) -> Extra {
    let mut out = Extra::default();
    for attr in attrs {
        if attr.path().is_ident("gb_enum") {
            let mut skip_errors = Vec::new();
            let res = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("skip") {
                    super::derive::parse_skip(&meta, &mut out.skip, &mut skip_errors)
                } else {
                    Err(meta.error(
                        "a generated enum's `#[gb_enum(...)]` takes `skip(...)` only: its name and variants come from the registry",
                    ))
                }
            });
            errors.extend(skip_errors);
            if let Err(e) = res {
                errors.push(e);
            }
        } else if matches!(attr.style, syn::AttrStyle::Outer) {
            attr.to_tokens(&mut out.attrs);
        } else {
            errors.push(syn::Error::new(
                attr.span(),
                "expected an outer attribute, `#[...]`",
            ));
        }
    }
    out
}

/// The entries a `registry!` generates, and their extras.
pub(super) struct Selection {
    /// `(true, keys)` for `only`, `(false, keys)` for `except`.
    filter: Option<(bool, Vec<String>)>,
    all: Extra,
    per_entry: Vec<(String, Extra)>,
}

impl Selection {
    /// Every entry, nothing added.
    pub fn everything() -> Selection {
        Selection {
            filter: None,
            all: Extra::default(),
            per_entry: Vec::new(),
        }
    }

    /// Whether the entry `key` is generated.
    pub fn generates(&self, key: &str) -> bool {
        match &self.filter {
            None => true,
            Some((only, keys)) => keys.iter().any(|k| k == key) == *only,
        }
    }

    /// The attributes and skips of the entry `key`: those for every enum, then its own.
    pub fn extra(&self, key: &str) -> Extra {
        let mut out = self.all.clone();
        for (_, extra) in self.per_entry.iter().filter(|(k, _)| k == key) {
            out.attrs.extend(extra.attrs.clone());
            for name in extra.skip.names() {
                out.skip.add(name);
            }
        }
        out
    }
}
