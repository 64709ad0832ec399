//! `cargo fuzz run import`: see gb_enums_codegen::fuzz::import for the invariant.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gb_enums_codegen::fuzz::import(data));
