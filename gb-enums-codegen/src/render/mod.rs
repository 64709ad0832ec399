//! Renderers: Rust tokens for the macros; SQL and markdown for the command-line tool.

pub mod markdown;
pub mod rust;
pub mod sql;
