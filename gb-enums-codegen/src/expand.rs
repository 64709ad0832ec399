//! The two macros, as functions over `proc_macro2` tokens: `gb-enums-derive` only forwards
//! to these.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::diagnostic::Severity;
use crate::ident::rust_ident_problem;
use crate::model::Registry;
use crate::render::rust::{declaration, impls, EnumShape};
use crate::Loaded;

mod derive;
mod messages;
mod select;

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
            manifest_dir: std::env::var_os("CARGO_MANIFEST_DIR")
                .map(PathBuf::from)
                .unwrap_or_default(),
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
    let path = crate::locate::resolve(
        &env.manifest_dir,
        explicit,
        env.registry_override.as_deref(),
    )
    .map_err(|d| d.located_message())?;
    if !path.exists() {
        let shown = crate::locate::display_name(&path, &env.manifest_dir);
        let from = if explicit.is_some() {
            "the path"
        } else {
            crate::locate::REGISTRY_ENV
        };
        return Err(format!(
            "{shown}: registry file not found; {from} is relative to the directory of the crate's `Cargo.toml`"
        ));
    }
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
        const _: &::core::primitive::str = ::core::include_str!(#abs);
        const _: ::core::option::Option<&::core::primitive::str> = ::core::option_env!(#var);
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

/// `registry!()`, `registry!("path")`, and the options after the path: `only = [...]` or
/// `except = [...]`, `attrs = { #[...] }`, `attrs(key) = { #[...] }` (see `select`).
pub fn registry_macro(input: TokenStream, env: &MacroEnv) -> TokenStream {
    let mut errors = Vec::new();
    let args = match select::Args::parse(input, &mut errors) {
        Ok(args) => args,
        Err(e) => {
            errors.push(e);
            return errors.into_iter().map(|e| e.to_compile_error()).collect();
        }
    };
    let span = args.span();
    let found = match find(env, args.path.as_ref().map(|l| l.value()).as_deref()) {
        Ok(f) => f,
        Err(m) => {
            errors.push(syn::Error::new(span, m));
            return errors.into_iter().map(|e| e.to_compile_error()).collect();
        }
    };
    let mut out = track(&found.path);
    out.extend(registry_errors(&found.loaded, span));
    if let Some(registry) = &found.loaded.registry {
        let selection = args.check(registry, &mut errors);
        out.extend(registry_items_selected(registry, &selection));
    }
    out.extend(errors.into_iter().map(|e| e.to_compile_error()));
    out
}

/// The items `registry!` declares for `registry`: every enum that can be declared, with its
/// impls (the macro adds the registry's errors and the `include_str!` that tracks the file).
///
/// An entry with errors (which are reported) is still generated from what is sound in it:
/// its variants with valid, distinct identifiers. Its uses then do not cascade into "cannot
/// find type" errors next to the real ones. Only an entry whose type name is unusable or
/// taken by an earlier entry is left out. Never panics, whatever the registry holds.
pub fn registry_items(registry: &Registry) -> TokenStream {
    registry_items_selected(registry, &select::Selection::everything())
}

fn registry_items_selected(registry: &Registry, selection: &select::Selection) -> TokenStream {
    let mut types = HashSet::new();
    let mut out = TokenStream::new();
    for def in &registry.enums {
        let type_name = def.rust_name.value.as_str();
        if !selection.generates(&def.key.value) {
            continue;
        }
        if rust_ident_problem(type_name).is_some() || !types.insert(type_name) {
            continue;
        }
        let (mut idents, mut values) = (HashSet::new(), HashSet::new());
        let mut variants = Vec::new();
        for v in &def.variants {
            let ident = v.rust_name.value.as_str();
            let usable = rust_ident_problem(ident).is_none() && !(def.open && ident == "Unknown");
            if usable && idents.insert(ident) {
                variants.push((format_ident!("{}", ident), v));
            }
        }
        // Repeated values (an error, reported) cannot be discriminants: the enum is then
        // declared without them and `value()` matches instead of casting.
        let distinct = variants.iter().all(|(_, v)| values.insert(v.value.value));
        let extra = selection.extra(&def.key.value);
        let shape = EnumShape {
            ident: format_ident!("{}", type_name),
            def,
            variants,
            catch_all: def.open.then(|| format_ident!("Unknown")),
            repr_cast: !def.open && distinct,
            derived: false,
            skip: extra.skip,
            attrs: extra.attrs,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A crate directory of its own per test, under a directory with no `schema.toml` above.
    fn crate_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("gb-enums-expand-{}-{name}", std::process::id()))
            .join("app");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn env(dir: &Path, registry_override: Option<&str>) -> MacroEnv {
        MacroEnv {
            manifest_dir: dir.to_path_buf(),
            registry_override: registry_override.map(str::to_owned),
        }
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const SHADE: &str = "[enums.shade]\nvariants = [{ value = 1, name = \"dark\" }]\n";
    const SIGNAL: &str = "[enums.signal]\nvariants = [{ value = 1, name = \"green\" }]\n";

    #[test]
    fn without_a_registry_the_error_says_where_it_looked() {
        let dir = crate_dir("none");
        if dir.ancestors().any(|d| d.join("schema.toml").is_file()) {
            return; // A schema.toml above the temp directory: nothing to test here.
        }
        let out = registry_macro(TokenStream::new(), &env(&dir, None)).to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(out.contains("no `schema.toml` in"), "{out}");
        assert!(out.contains("GB_ENUMS_REGISTRY"), "{out}");
    }

    #[test]
    fn the_nearest_registry_upward_is_used_and_tracked() {
        let dir = crate_dir("nearest");
        let registry = dir.parent().unwrap().join("schema.toml");
        write(&registry, SHADE);
        let out = registry_macro(TokenStream::new(), &env(&dir.join("sub"), None)).to_string();
        assert!(out.contains("pub enum Shade"), "{out}");
        assert!(!out.contains("compile_error"), "{out}");
        // Cargo rebuilds when the file changes: its absolute path is `include_str!`ed.
        let tracked = format!("include_str ! ({:?})", registry.to_string_lossy());
        assert!(out.contains(&tracked), "{tracked} not in {out}");
        assert!(
            out.contains("option_env ! (\"GB_ENUMS_REGISTRY\")"),
            "{out}"
        );
    }

    #[test]
    fn the_variable_overrides_the_search_and_an_explicit_path_overrides_both() {
        let dir = crate_dir("override");
        write(&dir.join("schema.toml"), SHADE);
        write(&dir.join("cfg/other.toml"), SIGNAL);
        let by_env =
            registry_macro(TokenStream::new(), &env(&dir, Some("cfg/other.toml"))).to_string();
        assert!(
            by_env.contains("pub enum Signal") && !by_env.contains("pub enum Shade"),
            "{by_env}"
        );
        let explicit =
            registry_macro(quote!("schema.toml"), &env(&dir, Some("cfg/other.toml"))).to_string();
        assert!(
            explicit.contains("pub enum Shade") && !explicit.contains("pub enum Signal"),
            "{explicit}"
        );
    }

    #[test]
    fn errors_are_reported_and_the_entry_is_still_declared() {
        let dir = crate_dir("errors");
        let text = "[enums.shade]\ndefault = \"x\"\nvariants = [{ value = 1, name = \"dark\" }, { value = 1, name = \"light\" }]\n";
        write(&dir.join("schema.toml"), text);
        let out = registry_macro(TokenStream::new(), &env(&dir, None)).to_string();
        assert_eq!(out.matches("compile_error").count(), 2, "{out}");
        assert!(
            out.contains("schema.toml:2:11: default `x` is not a variant of enum shade"),
            "{out}"
        );
        assert!(
            out.contains("schema.toml:3:53: duplicate value 1 in enum shade"),
            "{out}"
        );
        // Both variants are declared (without discriminants, which would clash), so uses of
        // the enum add no errors of their own.
        assert!(out.contains("pub enum Shade"), "{out}");
        assert!(
            out.contains("Dark ,") && out.contains("Light ,") && !out.contains("repr"),
            "{out}"
        );
    }

    #[test]
    fn macro_input_other_than_a_path_is_an_error() {
        let out = registry_macro(quote!(schema.toml), &env(&crate_dir("input"), None)).to_string();
        assert!(
            out.contains("unknown `registry!` option `schema`; expected the registry path as a string (`\\\"config/schema.toml\\\"`) or one of `only`, `except`, `attrs`"),
            "{out}"
        );
    }
}
