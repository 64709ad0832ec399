//! Renderers: Rust tokens for the macros; SQL, markdown, TypeScript and JSON Schema for the
//! command-line tool.

pub mod jsonschema;
pub mod markdown;
pub mod rust;
pub mod sql;
pub mod typescript;
