//! The proc macros of [gb-enums](https://docs.rs/gb-enums). Depend on `gb-enums`, which
//! re-exports them; every piece of logic is in `gb-enums-codegen`.

use gb_enums_codegen::expand::{derive_macro, registry_macro, MacroEnv};
use proc_macro::TokenStream;

/// Generates every enum of a `schema.toml` registry. See `gb_enums::registry!`.
#[proc_macro]
pub fn registry(input: TokenStream) -> TokenStream {
    registry_macro(input.into(), &MacroEnv::from_process()).into()
}

/// Checks a hand-written enum against its registry entry. See `gb_enums::GbEnum`.
#[proc_macro_derive(GbEnum, attributes(gb_enum))]
pub fn derive_gb_enum(input: TokenStream) -> TokenStream {
    derive_macro(input.into(), &MacroEnv::from_process()).into()
}
