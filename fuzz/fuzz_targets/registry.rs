//! `cargo fuzz run registry`: see gb_enums_codegen::fuzz::registry for the invariant.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gb_enums_codegen::fuzz::registry(data));
