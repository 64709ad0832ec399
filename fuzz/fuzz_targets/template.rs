//! `cargo fuzz run template`: see gb_enums_codegen::fuzz::template for the invariant.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gb_enums_codegen::fuzz::template(data));
