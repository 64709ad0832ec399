//! The markdown reference: snapshots of the shipped and the awkward registry, the tables of
//! the reference document reproduced exactly, and tables that no description can break.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test -p gb-enums-cli --test snapshot_docs` rewrites the
//! snapshots; review them with `git diff`.

mod cli_support;

use cli_support::{
    assert_snapshot, awkward, fixture, read, shipped, snapshot_path, workspace_root,
};
use gb_enums_codegen::render::markdown::render;

/// Every `### heading` directly followed by a table, as one string per table.
fn tables(markdown: &str) -> Vec<String> {
    let lines: Vec<&str> = markdown.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("### ") && lines.get(i + 1).is_some_and(|l| l.starts_with('|')) {
            let table = lines[i + 1..].iter().take_while(|l| l.starts_with('|'));
            out.push(
                std::iter::once(*line)
                    .chain(table.copied())
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
        }
    }
    out
}

/// The "Enum Value Reference" section of the reference document.
fn reference_section() -> String {
    let doc = read(&fixture("database-optimization.md"));
    let start = doc
        .find("\n## Enum Value Reference\n")
        .expect("the reference has the section");
    let rest = &doc[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

#[test]
fn shipped_docs_are_the_committed_reference() {
    let docs = render(&shipped(), "schema.toml");
    assert_snapshot(&workspace_root().join("docs/enum-reference.md"), &docs);
}

#[test]
fn every_table_is_identical_to_the_reference_document() {
    let expected = tables(&reference_section());
    assert_eq!(
        expected.len(),
        12,
        "the reference document has 12 enum tables"
    );
    let actual = tables(&render(&shipped(), "schema.toml"));
    assert_eq!(actual.len(), expected.len(), "one table per enum");
    for (a, e) in actual.iter().zip(&expected) {
        assert_eq!(a, e);
    }
}

#[test]
fn what_the_tables_cannot_show_follows_them() {
    let docs = render(&shipped(), "schema.toml");
    for line in [
        "- Aliases, accepted when reading names: `whats_app` for `whatsapp` (1), `teams` for `msteams` (3)\n",
        "- Aliases, accepted when reading names: `APP_CREATE` for `app_create` (1)\n",
        "- Default: `pending` (0)\n",
        "- Stored in: `auto_tasks.status` (default `pending` = 0)\n",
        "- Stored in: `task_approvals.status` (default `pending` = 0)\n",
    ] {
        assert!(docs.contains(line), "missing {line:?}");
    }
    // The notes follow the table after a blank line, never inside it.
    assert!(docs.contains("| 9 | api | Direct API |\n\n- Aliases"));
}

#[test]
fn awkward_docs_snapshot() {
    assert_snapshot(
        &snapshot_path("awkward.md"),
        &render(&awkward(), "awkward.toml"),
    );
}

/// The cells of a table row, split at unescaped `|` and unescaped again.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    // The row starts and ends with `|`.
    assert!(
        cells.first().unwrap().is_empty() && cells.last().unwrap().is_empty(),
        "{row}"
    );
    cells[1..cells.len() - 1]
        .iter()
        .map(|c| c.trim().replace("<br>", "\n"))
        .collect()
}

#[test]
fn awkward_descriptions_stay_in_their_cells_and_read_back_as_written() {
    let registry = awkward();
    let docs = render(&registry, "awkward.toml");
    let tables = tables(&docs);
    assert_eq!(tables.len(), registry.enums.len());
    for (table, e) in tables.iter().zip(&registry.enums) {
        let rows: Vec<&str> = table.lines().skip(3).collect();
        assert_eq!(
            rows.len(),
            e.variants.len(),
            "one row per variant of {}",
            e.key.value
        );
        for (row, v) in rows.iter().zip(&e.variants) {
            let expected: String = v
                .description
                .replace("\r\n", "\n")
                // A lone carriage return is a space in the docs.
                .replace('\r', " ")
                .chars()
                .map(|c| {
                    if c.is_control() && c != '\n' && c != '\t' {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(
                cells(row),
                [
                    v.value.value.to_string(),
                    v.name.value.clone(),
                    expected.trim().to_string()
                ]
            );
        }
    }
    // Nothing of the enum's prose description can open a block.
    assert!(docs.contains("\\# not a heading\n\\- not a list\n1\\. not a numbered list\n"));
}
