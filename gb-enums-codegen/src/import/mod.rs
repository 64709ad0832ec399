//! A registry from existing SQL: CHECK constraints and enum types (`gb-enums import`).
//!
//! The SQL is read with a real parser (`sqlparser`, PostgreSQL dialect), so pg_dump output,
//! hand-written DDL and migration files all work. Recognised: `CHECK (col IN ('a', 'b'))`
//! inline or as a table constraint, named or not; pg_dump's
//! `CHECK (((col)::text = ANY ((ARRAY['a'::character varying, ...])::text[])))`; `OR`-ed
//! equalities; the same on `lower(col)`; `ALTER TABLE ... ADD CONSTRAINT ... CHECK`;
//! `CREATE TYPE ... AS ENUM` (and `ALTER TYPE ... ADD VALUE`) and the columns of that type;
//! `CREATE DOMAIN ... CHECK (VALUE IN (...))`; column defaults. Statements that undo earlier
//! ones (`DROP CONSTRAINT`, `DROP COLUMN`, `DROP TABLE`, renames) are applied in order.
//!
//! ```
//! use gb_enums_codegen::{import::import, parse_registry, Source};
//!
//! let sql = "CREATE TABLE events (
//!   kind varchar(20) NOT NULL DEFAULT 'APP_CREATE' CHECK (kind IN ('APP_CREATE', 'app_delete'))
//! );";
//! let imported = import(&[Source::new("legacy.sql", sql)]);
//! assert!(imported.registry.contains(r#"{ value = 0, name = "app_create", aliases = ["APP_CREATE"] }"#));
//! assert!(imported.registry.contains(r#"kind = { enum = "kind", default = "app_create" }"#));
//! // The output is always a valid registry.
//! let registry = parse_registry(Source::new("schema.toml", imported.registry)).unwrap();
//! assert_eq!(registry.enums[0].variants[1].name.value, "app_delete");
//! ```

mod build;
mod read;
mod values;

use crate::diagnostic::Diagnostic;
use crate::source::Source;

/// What `import` produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The registry: `[enums.*]` and `[tables.*]`, as TOML.
    pub registry: String,
    /// What was skipped or changed, and why: warnings located in the SQL files.
    pub notes: Vec<Diagnostic>,
}

/// Reads SQL files (in order: later statements see earlier ones) and writes a registry.
///
/// Never fails: a statement that cannot be used is skipped with a note.
pub fn import(files: &[Source]) -> Imported {
    let mut facts = read::Facts::default();
    let mut notes = Vec::new();
    for file in files {
        read::read(file, &mut facts, &mut notes);
    }
    let built = build::build(&facts, &mut notes);
    // Notes in the order of the files, then of their lines (reading and building add them in
    // different passes).
    let file_index = |n: &Diagnostic| {
        files
            .iter()
            .position(|f| f.name == n.file)
            .unwrap_or(usize::MAX)
    };
    notes.sort_by_key(|n| (file_index(n), n.location));
    if built.enums.is_empty() {
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        notes.push(
            Diagnostic::file_error(
                names.join(", "),
                "found no CHECK list of values and no enum type",
            )
            .warning(),
        );
    }
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    Imported {
        registry: render(&built, &names),
        notes,
    }
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment line: no newline may end it early, and TOML allows no control character
/// (other than tab) in a comment, so each becomes a space.
fn comment(s: &str) -> String {
    let text: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("# {text}\n")
}

/// A TOML key: bare when it can be, quoted otherwise.
fn toml_key(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        s.to_string()
    } else {
        toml_string(s)
    }
}

fn render(built: &build::Built, files: &[&str]) -> String {
    let mut out = String::new();
    // A dump split into thousands of files would make a header line of 100 KB.
    let from = match files {
        [first, second, third, rest @ ..] if rest.len() > 1 => {
            format!("{first}, {second}, {third} and {} more files", rest.len())
        }
        _ => files.join(", "),
    };
    out.push_str(&comment(&format!(
        "Imported by `gb-enums import` from {from}."
    )));
    out.push_str("#\n");
    out.push_str("# Values are numbered in the order the SQL lists them. Once rows store them, never renumber\n");
    out.push_str("# or reuse one: retire a value by removing its variant and adding its number to `reserved`.\n");
    out.push_str(
        "# Add a `description` to every variant (and a `title` to every enum) for the docs.\n",
    );
    for e in &built.enums {
        out.push_str(&format!("\n[enums.{}]\n", toml_key(&e.key)));
        for s in &e.sources {
            out.push_str(&comment(s));
        }
        if let Some(rust) = &e.rust {
            out.push_str(&format!("rust = {}\n", toml_string(rust)));
        }
        if let Some(d) = &e.default {
            out.push_str(&format!("default = {}\n", toml_string(d)));
        }
        out.push_str("variants = [\n");
        for (i, v) in e.variants.iter().enumerate() {
            out.push_str(&format!(
                "  {{ value = {i}, name = {}",
                toml_string(&v.name)
            ));
            if !v.aliases.is_empty() {
                let aliases: Vec<String> = v.aliases.iter().map(|a| toml_string(a)).collect();
                out.push_str(&format!(", aliases = [{}]", aliases.join(", ")));
            }
            if let Some(rust) = &v.rust {
                out.push_str(&format!(", rust = {}", toml_string(rust)));
            }
            out.push_str(" },\n");
        }
        out.push_str("]\n");
    }
    for t in &built.tables {
        out.push_str(&format!("\n[tables.{}]\n", toml_key(&t.table)));
        for b in &t.columns {
            let e = &built.enums[b.enum_index];
            out.push_str(&format!(
                "{} = {{ enum = {}",
                toml_key(&b.column),
                toml_string(&e.key)
            ));
            if let Some(d) = &b.default {
                out.push_str(&format!(", default = {}", toml_string(d)));
            }
            out.push_str(" }\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_registry;

    fn run(sql: &str) -> Imported {
        let imported = import(&[Source::new("t.sql", sql)]);
        if let Err(e) = parse_registry(Source::new("schema.toml", imported.registry.clone())) {
            panic!("invalid registry:\n{e}\n{}", imported.registry);
        }
        imported
    }

    #[test]
    fn awkward_labels_still_make_a_valid_registry() {
        let sql = r#"CREATE TABLE t (
            a text CHECK (a IN ('self', 'Self', 'x_1', 'x1', 'Unknown', 'with "quote"', 'back\slash', '1st', 'été', '')),
            "Odd Col" text CHECK ("Odd Col" IN ('q')),
            b text DEFAULT 'nope' CHECK (b IN ('y'))
        );"#;
        let imported = run(sql);
        let text = &imported.registry;
        assert!(
            text.contains(r#"{ value = 0, name = "self", rust = "SelfValue" }"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{ value = 1, name = "self_2", aliases = ["Self"] }"#),
            "{text}"
        );
        assert!(
            text.contains(r#"{ value = 3, name = "x1", rust = "X1Value" }"#),
            "{text}"
        );
        assert!(text.contains(r#"aliases = ["with \"quote\""]"#), "{text}");
        let notes: Vec<String> = imported.notes.iter().map(|n| n.to_string()).collect();
        assert!(
            notes.iter().any(|n| n.contains("the empty string")),
            "{notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.contains("t.Odd Col is not bound")),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("default 'nope' of t.b is none of the values")),
            "{notes:?}"
        );
    }

    #[test]
    fn unreadable_statements_are_skipped_with_a_note() {
        // The second statement says nothing about values: skipped without a note.
        let sql = "CREATE TABLE t (s text CHECK (s IN ('a')));\nTHIS IS NOT SQL;\nALTER TABLE t ADD CHECK (s IN 'x');\nCREATE TABLE u (s text CHECK (s IN ('b', 'c'))); 'unterminated";
        let imported = run(sql);
        assert!(imported.registry.contains("[tables.u]"));
        let notes: Vec<String> = imported.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes[0],
            "warning: t.sql:3:1: skipped a statement the SQL parser cannot read: Expected: (, found: 'x'"
        );
        assert_eq!(notes.len(), 2);
        assert!(
            notes[1].starts_with("warning: t.sql:4:50: stopped reading the file here"),
            "{notes:?}"
        );
    }

    #[test]
    fn inputs_too_big_to_read_safely_are_notes_not_crashes() {
        // A chain of operators deep enough to overflow the stack when dropped.
        let chain: Vec<String> = (0..6000).map(|i| format!("s = 'v{i}'")).collect();
        let sql = format!("CREATE TABLE t (s text CHECK ({}));", chain.join(" OR "));
        let notes = run(&sql).notes;
        assert!(
            notes[0]
                .message
                .starts_with("skipped a statement of 11999 operators: more than 10000"),
            "{notes:?}"
        );
        // Below the limit, a long chain is read (without recursion).
        let chain: Vec<String> = (0..3000).map(|i| format!("s = 'v{i}'")).collect();
        let sql = format!("CREATE TABLE t (s text CHECK ({}));", chain.join(" OR "));
        assert!(run(&sql)
            .registry
            .contains("{ value = 2999, name = \"v2999\" }"));
        // More values than SMALLINT numbers from 0.
        let values: Vec<String> = (0..=32768).map(|i| format!("'v{i}'")).collect();
        let sql = format!(
            "CREATE TABLE t (s text CHECK (s IN ({})));",
            values.join(",")
        );
        let notes = run(&sql).notes;
        assert_eq!(
            notes[0].to_string(),
            "warning: t.sql:1:17: skipped CHECK `t_s_check` on t.s: its 32769 values do not fit SMALLINT (at most 32768, numbered from 0)"
        );
    }

    // Found by fuzzing: a control character in a quoted table name went raw into a comment.
    #[test]
    fn control_characters_in_names_stay_out_of_comments() {
        let imported =
            run("CREATE TABLE \"a\u{1}b\u{b}c\u{7f}\" (s text CHECK (s IN ('x', 'y')));");
        assert!(
            imported.registry.contains("# a b c .s: CHECK"),
            "{}",
            imported.registry
        );
    }

    // Found by fuzzing: a CHECK re-added after column renames onto a name in use bound the
    // column twice, and a table renamed onto another gave `[tables.t]` twice.
    #[test]
    fn a_column_is_bound_once_whatever_the_renames() {
        let sql =
            "CREATE TABLE t (a text CHECK (a IN ('x', 'y')), b text CHECK (b IN ('p', 'q')));\n\
                   ALTER TABLE t RENAME COLUMN a TO c;\n\
                   ALTER TABLE t RENAME COLUMN c TO b;\n\
                   ALTER TABLE t ADD CONSTRAINT again CHECK (b IN ('x', 'y'));\n\
                   CREATE TABLE u (b text CHECK (b IN ('p', 'q')), d text CHECK (d IN ('r')));\n\
                   ALTER TABLE u RENAME TO t;";
        let imported = run(sql);
        let text = &imported.registry;
        assert_eq!(text.matches("[tables.t]").count(), 1, "{text}");
        assert_eq!(text.matches("\nb = {").count(), 1, "{text}");
        assert_eq!(text.matches("\nd = {").count(), 1, "{text}");
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.message == "t.b is bound once, to the first of its CHECK lists or types"),
            "{:?}",
            imported.notes
        );
    }

    #[test]
    fn many_files_are_counted_in_the_header() {
        let sources: Vec<Source> = (0..5)
            .map(|i| Source::new(format!("f{i}.sql"), "CREATE TABLE t (id int);"))
            .collect();
        let imported = import(&sources);
        assert!(imported.registry.starts_with(
            "# Imported by `gb-enums import` from f0.sql, f1.sql, f2.sql and 2 more files.\n"
        ));
        let imported = import(&sources[..4]);
        assert!(imported
            .registry
            .starts_with("# Imported by `gb-enums import` from f0.sql, f1.sql, f2.sql, f3.sql.\n"));
    }

    #[test]
    fn keys_that_are_not_bare_are_quoted() {
        assert_eq!(toml_key("task_status"), "task_status");
        assert_eq!(toml_key("a.b"), "\"a.b\"");
        assert_eq!(toml_key(""), "\"\"");
        assert_eq!(comment("a\nb\rc\u{1}d\te"), "# a b c d e\n");
    }

    #[test]
    fn nothing_found_is_an_empty_registry_and_a_note() {
        let imported = run("CREATE TABLE t (id int);");
        assert!(!imported.registry.contains('['));
        assert_eq!(
            imported.notes[0].to_string(),
            "warning: t.sql: found no CHECK list of values and no enum type"
        );
    }
}
