//! Rust tokens for one enum: the impls shared by `registry!` and `#[derive(GbEnum)]`, and the
//! enum declaration for `registry!`.
//!
//! Hygiene: every path is absolute (`::core::...`, `::gb_enums::...`), primitive types
//! included (`::core::primitive::i16`: a user's `struct i16;` would shadow the bare name),
//! helper items are prefixed `__` and live in a `const _: () = { ... };` block, and impls
//! are `#[automatically_derived]`. Types are named explicitly, never `Self::Error`, because a
//! variant called `Error` would make that ambiguous. `tests/tests/hygiene.rs` proves it.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use crate::model::{EnumDef, SerdeMode, VariantDef};

/// One enum as the renderer needs it.
pub struct EnumShape<'a> {
    /// The Rust type.
    pub ident: Ident,
    /// Its registry entry.
    pub def: &'a EnumDef,
    /// The variants' Rust identifiers, paired with their registry entries, in file order.
    pub variants: Vec<(Ident, &'a VariantDef)>,
    /// The catch-all variant `Unknown(i16)` of an open enum.
    pub catch_all: Option<Ident>,
    /// The enum is (or, for [`declaration`], is to be) a closed `#[repr(i16)]` enum with the
    /// registry's values as discriminants, so that `value()` is `self as i16`.
    pub repr_cast: bool,
    /// The enum is the application's own (`#[derive(GbEnum)]`): it may lack `PartialEq`,
    /// `Eq` and `Debug`, so the impls that need them are bounded on them.
    pub derived: bool,
    /// The impls to leave out.
    pub skip: Skip,
    /// Extra attributes of the declaration (`registry!(attrs = { ... })`).
    pub attrs: TokenStream,
}

/// The names `#[gb_enum(skip(...))]` accepts besides the integrations of [`INTEGRATIONS`]:
/// each leaves out the impls of that trait (`Ord` both `PartialOrd` and `Ord`, `From` the
/// `From<E> for i16`).
pub const SKIPPABLE_TRAITS: &[&str] = &[
    "Display", "FromStr", "AsRef", "Default", "Ord", "From", "TryFrom",
];

/// Every name `#[gb_enum(skip(...))]` accepts, in the order messages list them.
pub fn skippable() -> Vec<&'static str> {
    SKIPPABLE_TRAITS
        .iter()
        .copied()
        .chain(INTEGRATIONS.iter().map(|(name, _)| *name))
        .collect()
}

/// The impls an enum leaves to the application: names of [`skippable`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skip {
    names: Vec<String>,
}

impl Skip {
    /// Nothing skipped.
    pub fn none() -> Self {
        Skip::default()
    }

    /// Adds `name` (one of [`skippable`]; callers check).
    pub fn add(&mut self, name: &str) {
        if !self.has(name) {
            self.names.push(name.to_owned());
        }
    }

    /// Whether `name` is skipped.
    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// The names skipped, in the order given.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(String::as_str)
    }
}

fn doc_lines(text: &str) -> TokenStream {
    text.lines()
        .map(|l| {
            let l = format!(" {l}");
            quote!(#[doc = #l])
        })
        .collect()
}

/// `::core::primitive::NAME`.
fn prim(name: &str) -> TokenStream {
    let name = format_ident!("{}", name);
    quote!(::core::primitive::#name)
}

fn i16_lit(v: i16) -> TokenStream {
    // A negative literal is two tokens; `Literal::i16_unsuffixed(-3)` renders as `-3`,
    // which is fine both as a pattern and as an expression.
    let lit = Literal::i16_unsuffixed(v);
    quote!(#lit)
}

/// The enum declaration `registry!` writes.
pub fn declaration(shape: &EnumShape<'_>) -> TokenStream {
    let def = shape.def;
    let ident = &shape.ident;
    let mut doc = format!("{}\n\nRegistry entry `{}`", def.title, def.key.value);
    if let Some(d) = &def.description {
        doc = format!(
            "{}\n\n{}\n\nRegistry entry `{}`",
            def.title, d, def.key.value
        );
    }
    if def.open {
        doc.push_str("; open: unknown stored values are kept in `Unknown`");
    }
    doc.push('.');
    let doc = doc_lines(&doc);
    // Discriminants and `#[repr(i16)]` for a closed enum, unless its values repeat or it has
    // no variants (`#[repr]` is refused on an empty enum). Both happen only while the entry
    // has errors: the enum is still declared, to spare the user "cannot find type" errors.
    let with_values = shape.catch_all.is_none() && shape.repr_cast && !shape.variants.is_empty();
    let variants = shape.variants.iter().map(|(vi, v)| {
        let mut vdoc = if v.description.is_empty() {
            String::new()
        } else {
            format!("{}\n\n", v.description)
        };
        vdoc.push_str(&format!(
            "Stored as `{}`, named `{}`",
            v.value.value, v.name.value
        ));
        if !v.aliases.is_empty() {
            let aliases: Vec<String> = v.aliases.iter().map(|a| format!("`{}`", a.value)).collect();
            vdoc.push_str(&format!("; also read from {}", aliases.join(", ")));
        }
        vdoc.push('.');
        let vdoc = doc_lines(&vdoc);
        let deprecated = v.deprecated.as_ref().map(|note| {
            if note.is_empty() {
                quote!(#[deprecated])
            } else {
                quote!(#[deprecated(note = #note)])
            }
        });
        if with_values {
            let lit = i16_lit(v.value.value);
            quote!(#vdoc #deprecated #vi = #lit,)
        } else {
            quote!(#vdoc #deprecated #vi,)
        }
    });
    let i16 = prim("i16");
    let repr = with_values.then(|| quote!(#[repr(i16)]));
    let attrs = &shape.attrs;
    match &shape.catch_all {
        Some(other) => quote! {
            #doc
            #attrs
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
            pub enum #ident {
                #(#variants)*
                /// A value this build does not know, kept as read so that it is written back
                /// unchanged.
                #other(#i16),
            }
        },
        None => quote! {
            #doc
            #attrs
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug,
                ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,
            )]
            #repr
            pub enum #ident {
                #(#variants)*
            }
        },
    }
}

/// Every impl of an enum: inherent `const fn`s, `GbEnum`, conversions, formatting, ordering,
/// and the serde/diesel integrations. `with_eq` adds `PartialEq`/`Eq`/`Hash` by value (for an
/// open enum that `registry!` declares).
pub fn impls(shape: &EnumShape<'_>, with_eq: bool) -> TokenStream {
    let def = shape.def;
    let ty = &shape.ident;
    let key = &def.key.value;
    let title = &def.title;
    let count = shape.variants.len();
    let vis_idents: Vec<&Ident> = shape.variants.iter().map(|(i, _)| i).collect();
    let values: Vec<TokenStream> = shape
        .variants
        .iter()
        .map(|(_, v)| i16_lit(v.value.value))
        .collect();
    // `from_value` arms: a valid registry has distinct values; one with errors may not, and
    // its enum is still generated: the first variant of a value wins.
    let mut seen_values = Vec::new();
    let (from_values, from_idents): (Vec<TokenStream>, Vec<&Ident>) = shape
        .variants
        .iter()
        .filter(|(_, v)| {
            let new = !seen_values.contains(&v.value.value);
            seen_values.push(v.value.value);
            new
        })
        .map(|(i, v)| (i16_lit(v.value.value), i))
        .unzip();
    let names: Vec<&str> = shape
        .variants
        .iter()
        .map(|(_, v)| v.name.value.as_str())
        .collect();
    let descriptions: Vec<&str> = shape
        .variants
        .iter()
        .map(|(_, v)| v.description.as_str())
        .collect();
    let open = shape.catch_all.is_some();
    let (i16, str, bool, usize) = (prim("i16"), prim("str"), prim("bool"), prim("usize"));

    let value_body = match (
        &shape.catch_all,
        shape.repr_cast && !shape.variants.is_empty(),
    ) {
        (None, true) => quote!(self as #i16),
        (catch_all, _) => {
            let other = catch_all.iter().map(|o| quote!(#ty::#o(__v) => __v,));
            quote!(match self { #(#ty::#vis_idents => #values,)* #(#other)* })
        }
    };
    let (name_other, desc_other) = match &shape.catch_all {
        Some(o) => (quote!(#ty::#o(_) => "unknown",), quote!(#ty::#o(_) => "",)),
        None => (quote!(), quote!()),
    };
    let from_value_miss = match &shape.catch_all {
        Some(o) => quote!(::core::result::Result::Ok(#ty::#o(value))),
        None => quote!(::core::result::Result::Err(::gb_enums::UnknownValue::new(
            value
        ))),
    };
    let mut name_arms = Vec::new();
    let mut spellings = Vec::new();
    for (vi, v) in &shape.variants {
        for spelling in std::iter::once(&v.name.value).chain(v.aliases.iter().map(|a| &a.value)) {
            // A valid registry has no repeats; one with errors may, and its enum is still
            // generated: the first spelling wins rather than adding an unreachable arm.
            if !spellings.contains(&spelling) {
                spellings.push(spelling);
                name_arms.push(quote!(#spelling => ::core::result::Result::Ok(#ty::#vi),));
            }
        }
    }
    let unknown_name = quote!(::core::result::Result::Err(::gb_enums::UnknownName::new()));
    let from_name_miss = match &shape.catch_all {
        // `unknown(9)`, the Display form of the catch-all, parses back.
        Some(o) => quote! {
            match ::gb_enums::__private::parse_unknown(name) {
                ::core::option::Option::Some(__v) => match #ty::from_value(__v) {
                    ::core::result::Result::Ok(__e) => ::core::result::Result::Ok(__e),
                    ::core::result::Result::Err(_) => ::core::result::Result::Ok(#ty::#o(__v)),
                },
                ::core::option::Option::None => #unknown_name,
            }
        },
        None => unknown_name,
    };
    let display_body = match &shape.catch_all {
        Some(o) => quote! {
            match self {
                #ty::#o(__v) => ::gb_enums::__private::fmt_unknown(*__v, f),
                _ => ::gb_enums::__private::fmt_name(::gb_enums::__private::name_of(self), f),
            }
        },
        None => quote!(::gb_enums::__private::fmt_name(
            ::gb_enums::__private::name_of(self),
            f
        )),
    };
    let is_known = shape.catch_all.as_ref().map(|o| {
        quote! {
            #[inline]
            fn is_known(self) -> #bool {
                !::core::matches!(self, #ty::#o(_))
            }
        }
    });
    let default_impl = def.default_variant().and_then(|dv| {
        let (vi, _) = shape
            .variants
            .iter()
            .find(|(_, v)| v.name.value == dv.name.value)?;
        Some(quote! {
            #[automatically_derived]
            #[allow(deprecated)]
            impl ::core::default::Default for #ty {
                #[inline]
                fn default() -> Self {
                    #ty::#vi
                }
            }
        })
    });
    let eq_impls = with_eq.then(|| {
        quote! {
            #[automatically_derived]
            impl ::core::cmp::PartialEq for #ty {
                #[inline]
                fn eq(&self, other: &Self) -> #bool {
                    #ty::value(*self) == #ty::value(*other)
                }
            }
            #[automatically_derived]
            impl ::core::cmp::Eq for #ty {}
            #[automatically_derived]
            impl ::core::hash::Hash for #ty {
                fn hash<__H: ::core::hash::Hasher>(&self, state: &mut __H) {
                    ::core::hash::Hash::hash(&#ty::value(*self), state)
                }
            }
        }
    });
    let cmp_body = if shape.catch_all.is_some() && !with_eq {
        // A derived open enum brings its own `PartialEq`, by variant: `Open != Other(1)` even
        // though both store 1. `Ord` must agree with it, so a known variant sorts just before
        // the catch-all holding the same value.
        quote! {
            ::core::cmp::Ord::cmp(
                &(::gb_enums::__private::value_of(self), !::gb_enums::__private::is_known_of(self)),
                &(::gb_enums::__private::value_of(other), !::gb_enums::__private::is_known_of(other)),
            )
        }
    } else {
        quote!(::core::cmp::Ord::cmp(
            &::gb_enums::__private::value_of(self),
            &::gb_enums::__private::value_of(other),
        ))
    };
    let skip = &shape.skip;
    let mut trait_impls = TokenStream::new();
    if !skip.has("Display") {
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::fmt::Display for #ty {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #display_body
                }
            }
        });
    }
    if !skip.has("FromStr") {
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::str::FromStr for #ty {
                type Err = ::gb_enums::UnknownName<#ty>;
                #[inline]
                fn from_str(s: &#str) -> ::core::result::Result<#ty, ::gb_enums::UnknownName<#ty>> {
                    ::gb_enums::__private::from_name::<#ty>(s)
                }
            }
        });
    }
    if !skip.has("AsRef") {
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::convert::AsRef<#str> for #ty {
                #[inline]
                fn as_ref(&self) -> &#str {
                    ::gb_enums::__private::name_of(self)
                }
            }
        });
    }
    if !skip.has("From") {
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::convert::From<#ty> for #i16 {
                #[inline]
                fn from(e: #ty) -> #i16 {
                    #ty::value(e)
                }
            }
        });
    }
    if !skip.has("TryFrom") {
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::convert::TryFrom<#i16> for #ty {
                type Error = ::gb_enums::UnknownValue<#ty>;
                #[inline]
                fn try_from(value: #i16) -> ::core::result::Result<#ty, ::gb_enums::UnknownValue<#ty>> {
                    #ty::from_value(value)
                }
            }
        });
    }
    if !skip.has("Ord") {
        // An application's enum need not be `PartialEq`/`Eq`, which `PartialOrd`/`Ord`
        // require: bounded on them, these impls exist where they can. The bound is written
        // `for<'_>` because rustc rejects an impl with a plain bound that does not hold
        // (rust-lang/rust#48214, `trivial_bounds`) but checks a higher-ranked one per use.
        let (partial_bound, ord_bound) = if shape.derived {
            (
                quote!(where for<'__gb> #ty: ::core::cmp::PartialEq),
                quote!(where for<'__gb> #ty: ::core::cmp::Eq),
            )
        } else {
            (quote!(), quote!())
        };
        trait_impls.extend(quote! {
            #[automatically_derived]
            impl ::core::cmp::PartialOrd for #ty #partial_bound {
                #[inline]
                fn partial_cmp(&self, other: &Self) -> ::core::option::Option<::core::cmp::Ordering> {
                    ::core::option::Option::Some(#cmp_body)
                }
            }

            #[automatically_derived]
            impl ::core::cmp::Ord for #ty #ord_bound {
                #[inline]
                fn cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                    #cmp_body
                }
            }
        });
    }
    let default_impl = default_impl.filter(|_| !skip.has("Default"));
    let serde_mode = format_ident!(
        "{}",
        match def.serde {
            SerdeMode::Name => "name",
            SerdeMode::Value => "value",
        }
    );
    let integrations = integrations(ty, &serde_mode, skip);
    let all_doc = format!(" Every variant of `{key}`, in registry order.");
    let value_doc = format!(" The number stored for this `{key}` value.");
    let count_lit = Literal::usize_unsuffixed(count);
    quote! {
        #[allow(deprecated, non_upper_case_globals, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #ty {
                #[doc = #all_doc]
                pub const ALL: &'static [#ty] = &[#(#ty::#vis_idents),*];
                /// How many variants the registry lists.
                pub const COUNT: #usize = #count_lit;

                #[doc = #value_doc]
                #[inline]
                pub const fn value(self) -> #i16 {
                    #value_body
                }

                /// The variant stored as `value`.
                #[inline]
                pub const fn from_value(value: #i16) -> ::core::result::Result<#ty, ::gb_enums::UnknownValue<#ty>> {
                    match value {
                        #(#from_values => ::core::result::Result::Ok(#ty::#from_idents),)*
                        _ => #from_value_miss,
                    }
                }

                /// The registry name.
                #[inline]
                pub const fn name(self) -> &'static #str {
                    match self {
                        #(#ty::#vis_idents => #names,)*
                        #name_other
                    }
                }

                /// The registry description.
                #[inline]
                pub const fn description(self) -> &'static #str {
                    match self {
                        #(#ty::#vis_idents => #descriptions,)*
                        #desc_other
                    }
                }

            }

            #[automatically_derived]
            impl ::gb_enums::GbEnum for #ty {
                const KEY: &'static #str = #key;
                const TITLE: &'static #str = #title;
                const ALL: &'static [#ty] = #ty::ALL;
                const COUNT: #usize = #count_lit;
                const OPEN: #bool = #open;

                #[inline]
                fn value(self) -> #i16 {
                    #ty::value(self)
                }
                #[inline]
                fn name(self) -> &'static #str {
                    #ty::name(self)
                }
                #[inline]
                fn description(self) -> &'static #str {
                    #ty::description(self)
                }
                #[inline]
                fn from_value(value: #i16) -> ::core::result::Result<#ty, ::gb_enums::UnknownValue<#ty>> {
                    #ty::from_value(value)
                }
                #[inline]
                fn from_name(name: &#str) -> ::core::result::Result<#ty, ::gb_enums::UnknownName<#ty>> {
                    match name {
                        #(#name_arms)*
                        _ => #from_name_miss,
                    }
                }
                #is_known
            }

            #trait_impls
            #eq_impls
            #default_impl

            #integrations
        };
    }
}

/// What `#[derive(GbEnum)]` emits next to its errors: every item of [`impls`] with bodies
/// that are never run (the crate does not compile), so that one mistake in the enum is
/// reported once instead of again at every use as "no function named `from_value`" or "the
/// trait `GbEnum` is not implemented".
///
/// The impls named in `skip` are left out here too: the application has its own.
pub fn fallback(ty: &Ident, skip: &Skip) -> TokenStream {
    let (i16, str, bool, usize) = (prim("i16"), prim("str"), prim("bool"), prim("usize"));
    let result = |ok: &TokenStream, err: TokenStream| quote!(::core::result::Result<#ok, #err>);
    let this = quote!(#ty);
    let value_result = result(&this, quote!(::gb_enums::UnknownValue<#ty>));
    let name_result = result(&this, quote!(::gb_enums::UnknownName<#ty>));
    let never = quote!(::core::unreachable!());
    let integrations = integrations(ty, &format_ident!("name"), skip);
    let stub = |name: &str, item: TokenStream| {
        (!skip.has(name)).then(|| quote!(#[automatically_derived] #item))
    };
    let stubs = [
        stub(
            "Display",
            quote!(impl ::core::fmt::Display for #ty {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { #never }
            }),
        ),
        stub(
            "FromStr",
            quote!(impl ::core::str::FromStr for #ty {
                type Err = ::gb_enums::UnknownName<#ty>;
                fn from_str(_: &#str) -> #name_result { #never }
            }),
        ),
        stub(
            "AsRef",
            quote!(impl ::core::convert::AsRef<#str> for #ty {
                fn as_ref(&self) -> &#str { #never }
            }),
        ),
        stub(
            "From",
            quote!(impl ::core::convert::From<#ty> for #i16 {
                fn from(_: #ty) -> #i16 { #never }
            }),
        ),
        stub(
            "TryFrom",
            quote!(impl ::core::convert::TryFrom<#i16> for #ty {
                type Error = ::gb_enums::UnknownValue<#ty>;
                fn try_from(_: #i16) -> #value_result { #never }
            }),
        ),
        stub(
            "Ord",
            quote!(impl ::core::cmp::PartialOrd for #ty where for<'__gb> #ty: ::core::cmp::PartialEq {
                fn partial_cmp(&self, _: &Self) -> ::core::option::Option<::core::cmp::Ordering> { #never }
            }),
        ),
        stub(
            "Ord",
            quote!(impl ::core::cmp::Ord for #ty where for<'__gb> #ty: ::core::cmp::Eq {
                fn cmp(&self, _: &Self) -> ::core::cmp::Ordering { #never }
            }),
        ),
    ];
    let stubs = stubs.into_iter().flatten();
    quote! {
        #[allow(deprecated, unused, clippy::all)]
        const _: () = {
            #[automatically_derived]
            impl #ty {
                /// Every variant, in registry order.
                pub const ALL: &'static [#ty] = &[];
                /// How many variants the registry lists.
                pub const COUNT: #usize = 0;
                /// The stored number.
                pub const fn value(self) -> #i16 { #never }
                /// The variant stored as `value`.
                pub const fn from_value(_: #i16) -> #value_result { #never }
                /// The registry name.
                pub const fn name(self) -> &'static #str { #never }
                /// The registry description.
                pub const fn description(self) -> &'static #str { #never }
            }
            #[automatically_derived]
            impl ::gb_enums::GbEnum for #ty {
                const KEY: &'static #str = "";
                const TITLE: &'static #str = "";
                const ALL: &'static [#ty] = &[];
                const COUNT: #usize = 0;
                const OPEN: #bool = false;
                fn value(self) -> #i16 { #never }
                fn name(self) -> &'static #str { #never }
                fn description(self) -> &'static #str { #never }
                fn from_value(_: #i16) -> #value_result { #never }
                fn from_name(_: &#str) -> #name_result { #never }
            }
            #(#stubs)*
            #integrations
        };
    }
}

/// The integrations that `gb-enums` implements behind its features: the name that
/// `#[gb_enum(skip(...))]` knows it by, and the `gb_enums` macro that expands to its impls
/// (or to nothing when the feature is off). Each macro takes the type and its serde mode.
pub const INTEGRATIONS: &[(&str, &str)] = &[
    ("serde", "__impl_serde"),
    ("diesel", "__impl_diesel"),
    ("sqlx", "__impl_sqlx"),
    ("sea_orm", "__impl_sea_orm"),
    ("utoipa", "__impl_utoipa"),
    ("schemars", "__impl_schemars"),
];

/// A call of every integration macro of [`INTEGRATIONS`] for `ty`, but those skipped.
fn integrations(ty: &Ident, serde_mode: &Ident, skip: &Skip) -> TokenStream {
    let calls = INTEGRATIONS
        .iter()
        .filter(|(name, _)| !skip.has(name))
        .map(|(_, mac)| {
            let mac = format_ident!("{}", mac);
            quote!(::gb_enums::#mac!(#ty, #serde_mode);)
        });
    quote!(#(#calls)*)
}
