//! The parser and validator never panic: arbitrary text, and valid registries mutated at
//! random (bytes flipped, cut short, lines deleted or repeated, TOML fragments inserted),
//! give either a registry without errors or located errors, and the `registry!` expansion
//! of whatever could be read never panics either.

use gb_enums_codegen::expand::registry_items;
use gb_enums_codegen::source::location_in;
use gb_enums_codegen::{load_source, Severity, Source};
use proptest::prelude::*;

/// Valid registries to mutate: the shipped one, the test registries, and one with every
/// section.
const VALID: &[&str] = &[
    include_str!("../../schema.toml"),
    include_str!("../../tests/fixtures/features.toml"),
    include_str!("../../tests/fixtures/app/schema.toml"),
    r#"
[enums.task_status]
title = "Task Status"
description = "Lifecycle"
rust = "Status"
default = "pending"
reserved = [8, -9]
open = true
serde = "value"
variants = [
  { value = 0, name = "pending", description = "Waiting", aliases = ["PENDING", "waiting"] },
  { value = -1, name = "failed", deprecated = "use error" },
  { value = 7, name = "self_", rust = "Itself", deprecated = true },
]

[[enums.shade.variants]]
value = 1
name = "dark"

[tables.auto_tasks]
status = { enum = "task_status", default = "pending" }

[output]
docs = "docs/enum-reference.md"
sql = { postgres = "a.sql", sqlite = "b.sql", mysql = "c.sql" }
render = [{ template = "t.sql.in", out = "t.sql", dialect = "mysql" }]
"#,
];

/// Pieces of TOML, valid and not, that meet every branch of the parser when inserted.
const FRAGMENTS: &[&str] = &[
    "[enums.x]",
    "[enums.task_status]",
    "[[enums.x.variants]]",
    "[enums]",
    "enums = 1",
    "[tables.t]",
    "[tables.auto_tasks]",
    "[output]",
    "[foo]",
    "variants = []",
    "variants = [1, \"a\", {}]",
    "{ value = 1, name = \"a\" },",
    "{ value = 1, name = \"a\", aliases = [\"\", 3] },",
    "value = 40000",
    "value = -32769",
    "value = 0x7fff",
    "value = 1e3",
    "value = \"1\"",
    "name = \"self\"",
    "name = \"Bad-Name\"",
    "name = \"unknown\"",
    "rust = \"Self\"",
    "rust = \"9x\"",
    "rust = \"Unknown\"",
    "default = \"zz\"",
    "default = \"PENDING\"",
    "reserved = [0, 0, \"x\"]",
    "open = true",
    "open = \"yes\"",
    "serde = \"num\"",
    "deprecated = 3",
    "title = 3",
    "descripton = \"typo\"",
    "c = { enum = \"task_status\", default = \"x\" }",
    "c = { enum = \"nope\" }",
    "c = 1",
    "d = { default = \"a\" }",
    "sql = { oracle = \"x\", postgres = 1 }",
    "render = [{}, 1, { template = 1, dialect = \"pg\" }]",
    "docs = 3",
    "]",
    "}",
    "[",
    "{",
    "\"",
    "'''",
    "\"\"\"",
    "# comment",
    "=",
    ",",
    "é",
    "\u{0}",
    "\r\n",
    "\t",
    "\u{feff}",
    "a.b.c = 1",
    "x = [[[[[[1]]]]]]",
];

#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the byte at (a fraction of) the length by another byte.
    Flip(f64, u8),
    /// Keep a prefix.
    Truncate(f64),
    DeleteLine(f64),
    DuplicateLine(f64),
    /// Insert a fragment at a position, alone on its line or inside one.
    Insert(f64, usize, bool),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..1.0, any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (0.0..1.0).prop_map(Mutation::Truncate),
        (0.0..1.0).prop_map(Mutation::DeleteLine),
        (0.0..1.0).prop_map(Mutation::DuplicateLine),
        (0.0..1.0, 0..FRAGMENTS.len(), any::<bool>())
            .prop_map(|(at, i, line)| Mutation::Insert(at, i, line)),
    ]
}

fn index(len: usize, at: f64) -> usize {
    ((len as f64) * at) as usize
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match *m {
        Mutation::Flip(at, byte) => {
            let mut bytes = text.as_bytes().to_vec();
            if !bytes.is_empty() {
                let i = index(bytes.len(), at).min(bytes.len() - 1);
                bytes[i] = byte;
            }
            // A registry is text: invalid UTF-8 is refused before parsing (by `locate::read`).
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::Truncate(at) => {
            let mut end = index(text.len(), at);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text[..end].to_owned()
        }
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(index(lines.len(), at).min(lines.len() - 1));
            lines.concat()
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let i = index(lines.len(), at).min(lines.len() - 1);
            lines.insert(i, lines[i]);
            lines.concat()
        }
        Mutation::Insert(at, fragment, own_line) => {
            let fragment = FRAGMENTS[fragment];
            if own_line {
                let with_newline = format!("{fragment}\n");
                let i = index(lines.len() + 1, at).min(lines.len());
                lines.insert(i, &with_newline);
                lines.concat()
            } else {
                let mut i = index(text.len(), at);
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                format!("{}{fragment}{}", &text[..i], &text[i..])
            }
        }
        _ => text.to_owned(),
    }
}

/// Loads `text` and checks what every load must satisfy.
fn check(text: &str) -> Result<(), TestCaseError> {
    let loaded = load_source(Source::new("schema.toml", text));
    for d in loaded.diagnostics.iter() {
        prop_assert_eq!(&d.file, "schema.toml");
        prop_assert!(
            !d.message.is_empty() && !d.message.ends_with('.'),
            "message style: {:?}",
            d.message
        );
        match (d.span, d.location) {
            (Some(span), Some(location)) => {
                prop_assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "span {:?} outside the text",
                    span
                );
                prop_assert_eq!(location, location_in(text, span.start));
            }
            (None, None) => {}
            _ => prop_assert!(false, "a span without a location, or the reverse: {:?}", d),
        }
    }
    match &loaded.registry {
        // Not TOML: there must be an error saying so.
        None => prop_assert!(loaded.diagnostics.has_errors()),
        Some(registry) => {
            // The macro generates what it can of any registry it could read, errors or not.
            let tokens = registry_items(registry);
            if !loaded.diagnostics.has_errors() {
                // A valid registry keeps the format's promises, and its expansion is Rust.
                for e in &registry.enums {
                    prop_assert!(!e.variants.is_empty());
                    let mut values: Vec<i16> = e.variants.iter().map(|v| v.value.value).collect();
                    values.sort_unstable();
                    values.dedup();
                    prop_assert_eq!(values.len(), e.variants.len());
                }
                prop_assert!(
                    syn::parse2::<syn::File>(tokens).is_ok(),
                    "the expansion of a valid registry is not Rust"
                );
            }
        }
    }
    // Every error is reported once, in file order, and loading is deterministic.
    let again = load_source(Source::new("schema.toml", text));
    prop_assert_eq!(&again.diagnostics, &loaded.diagnostics);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    for pair in errors.windows(2) {
        prop_assert!(pair[0] != pair[1]);
        prop_assert!(pair[0].location <= pair[1].location);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn toml_like_text_never_panics(text in "[\\[\\]{}=,.\"'#a-z0-9_ \n-]{0,300}") {
        check(&text)?;
    }

    #[test]
    fn mutated_registries_never_panic(
        base in 0..VALID.len(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let mut text = VALID[base].to_owned();
        for m in &mutations {
            text = apply(&text, m);
        }
        check(&text)?;
    }
}

#[test]
fn the_unmutated_registries_are_valid() {
    for text in VALID {
        let loaded = load_source(Source::new("schema.toml", *text));
        assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics);
    }
}
