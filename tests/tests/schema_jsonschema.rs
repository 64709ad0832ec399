//! The JSON Schema that `gb-enums jsonschema` writes is valid draft 2020-12 (Ajv checks it
//! against the meta-schema and compiles it in strict mode), and each `$defs` entry accepts
//! every value serde writes for its enum and rejects everything else: the other form, aliases,
//! other names, numbers the registry does not know (for a closed enum), other JSON types.
//!
//! For the shipped registry (the committed `api/enums.schema.json`) and for the front-end
//! fixture, which has the forms the shipped one lacks (`serde = "value"`, open enums, negative
//! numbers). Needs the npm package `ajv` (see `gb_enums_tests::frontend::node_modules`).

use gb_enums_codegen::render::jsonschema;
use gb_enums_codegen::{parse_registry, Registry, Source};
use gb_enums_tests::frontend::{cases, validate, Case};
use gb_enums_tests::workspace_root;
use serde_json::Value;

mod shipped {
    gb_enums::registry!("../schema.toml");
}

mod frontend {
    gb_enums::registry!("../gb-enums-cli/tests/fixtures/frontend.toml");
}

fn load(rel: &str) -> Registry {
    let path = workspace_root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    parse_registry(Source::new(rel, text)).unwrap()
}

/// The aliases of enum `def` (by Rust name) in `r`: serde reads them, the schema must not.
fn aliases<'a>(r: &'a Registry, def: &str) -> Vec<&'a str> {
    let e = r.enums.iter().find(|e| e.rust_name.value == def).unwrap();
    e.variants
        .iter()
        .flat_map(|v| v.aliases.iter().map(|a| a.value.as_str()))
        .collect()
}

macro_rules! cases_of {
    ($registry:expr, $module:ident :: { $($ty:ident),* $(,)? }) => {{
        let r = &$registry;
        let mut all: Vec<Case> = Vec::new();
        $( all.extend(cases::<$module::$ty>(stringify!($ty), &aliases(r, stringify!($ty)))); )*
        // Every enum of the registry is covered, and no other.
        let mut tested = vec![$(stringify!($ty)),*];
        let mut listed: Vec<&str> = r.enums.iter().map(|e| e.rust_name.value.as_str()).collect();
        tested.sort();
        listed.sort();
        assert_eq!(tested, listed);
        all
    }};
}

#[test]
fn the_shipped_schema_accepts_exactly_what_serde_writes() {
    let r = load("schema.toml");
    let text = jsonschema::render(&r, "schema.toml");
    // The committed file is this document (gb-enums check and the CLI snapshot tests keep it so).
    assert_eq!(
        text,
        std::fs::read_to_string(workspace_root().join("api/enums.schema.json")).unwrap()
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    let cases = cases_of!(r, shipped::{
        ChannelType, MessageRole, MessageType, LlmProvider, TaskStatus, TaskPriority,
        ExecutionMode, RiskLevel, ApprovalStatus, IntentType, MemoryType, SyncStatus,
    });
    assert!(cases.iter().filter(|c| c.valid).count() >= 12 * 3);
    validate("shipped_schema", &schema, &cases);
}

#[test]
fn the_frontend_schema_accepts_exactly_what_serde_writes() {
    let r = load("gb-enums-cli/tests/fixtures/frontend.toml");
    let schema: Value = serde_json::from_str(&jsonschema::render(&r, "frontend.toml")).unwrap();
    let cases = cases_of!(r, frontend::{ Keyword, Record, Number, Object });
    validate("frontend_schema", &schema, &cases);
}

/// The check above can fail: a schema that accepts an alias, or misses a value, is caught.
#[test]
fn a_wrong_schema_is_caught() {
    let r = load("schema.toml");
    let mut schema: Value = serde_json::from_str(&jsonschema::render(&r, "schema.toml")).unwrap();
    let Some(()) = validate("wrong_schema_baseline", &schema, &[]) else {
        return;
    };
    let cases = cases_of!(r, shipped::{
        ChannelType, MessageRole, MessageType, LlmProvider, TaskStatus, TaskPriority,
        ExecutionMode, RiskLevel, ApprovalStatus, IntentType, MemoryType, SyncStatus,
    });
    // Drop `api` from ChannelType: serde writes it, the schema now rejects it.
    let def = &mut schema["$defs"]["ChannelType"];
    def["enum"].as_array_mut().unwrap().pop();
    def["oneOf"].as_array_mut().unwrap().pop();
    let result = std::panic::catch_unwind(|| validate("wrong_schema", &schema, &cases));
    let message = *result.unwrap_err().downcast::<String>().unwrap();
    assert!(
        message.contains("ChannelType: \"api\" is rejected, expected accepted"),
        "{message}"
    );
}
