//! Benchmarks of gb-enums against the alternatives (see `BENCHMARKS.md` at the repository
//! root): the three implementations of the 12 shipped enums that every benchmark compares,
//! the generators of the alternatives and of synthetic registries.
//!
//! The implementations live in this library, not in the benchmarks, so that each is called
//! across a crate boundary, as an application calls the enums of its models crate: whether a
//! conversion is inlined there is part of what is measured.
#![deny(missing_docs)]

pub mod gb;
pub mod gen;
// Written by `gb-enums-bench-gen` and kept as generated (tests/generated.rs compares them).
#[rustfmt::skip]
pub mod hand;
pub mod load;
pub mod ops;
pub mod probe;
pub mod report;
#[rustfmt::skip]
pub mod stack;
pub mod stats;
