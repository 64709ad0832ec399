//! The two macros, as functions over `proc_macro2` tokens: `gb-enums-derive` only forwards
//! to these.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::diagnostic::Severity;
use crate::model::Registry;
use crate::render::rust::{declaration, impls, EnumShape};
use crate::Loaded;

mod derive;

/// What the macros read from their environment at expansion time.
#[derive(Clone, Debug)]
pub struct MacroEnv {
    /// `CARGO_MANIFEST_DIR` of the crate being compiled.
    pub manifest_dir: PathBuf,
    /// `GB_ENUMS_REGISTRY`, if set.
    pub registry_override: Option<String>,
}

impl MacroEnv {
    /// Reads the process environment, as a proc macro sees it. Paths are never resolved
    /// from the current directory, which differs between cargo, rust-analyzer and trybuild.
    pub fn from_process() -> Self {
        MacroEnv {
            manifest_dir: std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default(),
            registry_override: std::env::var(crate::locate::REGISTRY_ENV).ok(),
        }
    }
}

/// A registry found and loaded for one expansion.
struct Found {
    path: PathBuf,
    loaded: Arc<Loaded>,
}

fn find(env: &MacroEnv, explicit: Option<&str>) -> Result<Found, String> {
    let path = crate::locate::resolve(&env.manifest_dir, explicit, env.registry_override.as_deref())
        .map_err(|d| d.located_message())?;
    let loaded = crate::cache::load_cached(&path, &env.manifest_dir);
    Ok(Found { path, loaded })
}

/// `const _: &str = include_str!("/abs/schema.toml");` makes cargo rebuild the crate when
/// the registry changes (a file read with `std::fs` is invisible to it), and `option_env!`
/// does the same for the variable that can point elsewhere.
fn track(path: &Path) -> TokenStream {
    let abs = path.to_string_lossy().into_owned();
    let var = crate::locate::REGISTRY_ENV;
    quote! {
        const _: &str = ::core::include_str!(#abs);
        const _: ::core::option::Option<&str> = ::core::option_env!(#var);
    }
}

/// One `compile_error!` per error of the registry, at `span`.
fn registry_errors(loaded: &Loaded, span: Span) -> TokenStream {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let m = d.located_message();
            quote_spanned!(span=> ::core::compile_error!(#m);)
        })
        .collect()
}

/// `registry!()` / `registry!("path")`.
pub fn registry_macro(input: TokenStream, env: &MacroEnv) -> TokenStream {
    let explicit: Option<syn::LitStr> = if input.is_empty() {
        None
    } else {
        match syn::parse2::<syn::LitStr>(input.clone()) {
            Ok(l) => Some(l),
            Err(_) => {
                let m = "expected `registry!()` or `registry!(\"path/to/schema.toml\")`";
                return syn::Error::new(input.span(), m).to_compile_error();
            }
        }
    };
    let span = explicit.as_ref().map_or_else(Span::call_site, |l| l.span());
    let found = match find(env, explicit.as_ref().map(|l| l.value()).as_deref()) {
        Ok(f) => f,
        Err(m) => return quote_spanned!(span=> ::core::compile_error!(#m);),
    };
    let mut out = track(&found.path);
    out.extend(registry_errors(&found.loaded, span));
    if let Some(registry) = &found.loaded.registry {
        out.extend(generate_all(registry, &found.loaded));
    }
    out
}

/// Every enum of the registry whose own entry has no error; an enum with errors is left out
/// (its errors are reported) so that the others still compile.
fn generate_all(registry: &Registry, loaded: &Loaded) -> TokenStream {
    let broken = |key: &str| {
        loaded.diagnostics.iter().any(|d| d.severity == Severity::Error && d.enum_key.as_deref() == Some(key))
    };
    let mut out = TokenStream::new();
    for def in registry.enums.iter().filter(|e| !broken(&e.key.value)) {
        let shape = EnumShape {
            ident: format_ident!("{}", def.rust_name.value),
            def,
            variants: def.variants.iter().map(|v| (format_ident!("{}", v.rust_name.value), v)).collect(),
            catch_all: def.open.then(|| format_ident!("Unknown")),
            repr_cast: !def.open,
        };
        out.extend(declaration(&shape));
        out.extend(impls(&shape, def.open));
    }
    out
}

/// `#[derive(GbEnum)]`.
pub fn derive_macro(input: TokenStream, env: &MacroEnv) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(i) => i,
        Err(e) => return e.to_compile_error(),
    };
    derive::expand(&input, env)
}
