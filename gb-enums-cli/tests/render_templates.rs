//! SQL templates (`gb-enums render`): every tag form, quoting per dialect, located errors with
//! suggestions, text outside tags kept byte for byte, and the command itself.

mod cli_support;

use cli_support::{gb_enums, registry, run, shipped, workspace_root};
use gb_enums_codegen::{template, Dialect, Registry, Source};

const REGISTRY: &str = r#"
[enums.task_status]
variants = [
  { value = 0, name = "pending",          description = "Waiting to start" },
  { value = 4, name = "waiting_approval", description = "Needs approval", aliases = ["pending_approval"] },
  { value = 5, name = "completed",        description = "It's done \\ \"really\"\nfor good" },
  { value = 6, name = "failed",           description = "Failed with error" },
  { value = 7, name = "cancelled",        description = "Cancelled by user" },
]

[enums.temperature]
variants = [
  { value = -40, name = "frozen", description = "Cold" },
  { value = 0,   name = "zero",   description = "" },
]
"#;

fn reg() -> Registry {
    registry("schema.toml", REGISTRY)
}

fn render(text: &str, dialect: Dialect) -> Result<String, String> {
    template::render(&Source::new("t.sql.tmpl", text), &reg(), dialect).map_err(|e| e.to_string())
}

#[test]
fn every_tag_form() {
    let tmpl = "\
a {{ task_status.completed }} b {{task_status.completed}} c {{ task_status . completed | name }}
alias {{ task_status.pending_approval }} {{ task_status.pending_approval | name }}
list ({{ task_status[completed, failed, cancelled] }}) names ({{ task_status[completed,failed,] | name }})
multi-line ({{ task_status[
    completed,
    failed
] }})
negative {{ temperature.frozen }}, in a list {{ temperature[frozen, zero] }}
literal {{ '{{' }}1,2},{3,4}} and a lone }} stays
";
    let expected = "\
a 5 b 5 c 'completed'
alias 4 'waiting_approval'
list (5, 6, 7) names ('completed', 'failed')
multi-line (5, 6)
negative -40, in a list -40, 0
literal {{1,2},{3,4}} and a lone }} stays
";
    for d in Dialect::ALL {
        assert_eq!(render(tmpl, d).unwrap(), expected, "{d:?}");
    }
}

#[test]
fn names_and_descriptions_are_quoted_for_each_dialect() {
    let tmpl = "{{ task_status.completed | description }}";
    assert_eq!(
        render(tmpl, Dialect::Postgres).unwrap(),
        r#"E'It''s done \\ "really"\nfor good'"#
    );
    assert_eq!(
        render(tmpl, Dialect::Mysql).unwrap(),
        r#"CONCAT('It''s done ', CHAR(92 USING utf8mb4), ' "really"', CHAR(10 USING utf8mb4), 'for good')"#
    );
    assert_eq!(
        render(tmpl, Dialect::Sqlite).unwrap(),
        r#"('It''s done \ "really"' || char(10) || 'for good')"#
    );
    assert_eq!(
        render("{{ temperature.zero | description }}", Dialect::Postgres).unwrap(),
        "''"
    );

    // The SQLite literal reads back as the description.
    let mut conn = cli_support::db::sqlite();
    let select = format!("SELECT {} AS text", render(tmpl, Dialect::Sqlite).unwrap());
    let description = &reg().enums[0].variants[2].description;
    assert_eq!(
        cli_support::db::text(&mut conn, &select).as_deref(),
        Some(description.as_str())
    );
}

#[test]
fn unknown_names_are_located_with_suggestions() {
    let cases = [
        ("{{ task_statu.completed }}", "error: t.sql.tmpl:1:4: unknown enum `task_statu`; did you mean `task_status`?"),
        (
            "x = {{ task_status.complted }}",
            "error: t.sql.tmpl:1:20: enum task_status has no variant `complted`; did you mean `completed`?",
        ),
        (
            "{{ task_status.pending_aproval }}",
            "error: t.sql.tmpl:1:16: enum task_status has no variant `pending_aproval`; did you mean `pending_approval`?",
        ),
        ("{{ task_status.xyzzy }}", "error: t.sql.tmpl:1:16: enum task_status has no variant `xyzzy`"),
        ("{{ nothing_like_it.x }}", "error: t.sql.tmpl:1:4: unknown enum `nothing_like_it`"),
        ("{{ task_status.completed | nam }}", "error: t.sql.tmpl:1:28: unknown filter `nam`; did you mean `name`?"),
        (
            "{{ task_status.completed | upper }}",
            "error: t.sql.tmpl:1:28: unknown filter `upper`; expected `name` or `description`",
        ),
        (
            "{{ task_status[completed, faled, cancelld] }}",
            "error: t.sql.tmpl:1:27: enum task_status has no variant `faled`; did you mean `failed`?\n\
             error: t.sql.tmpl:1:34: enum task_status has no variant `cancelld`; did you mean `cancelled`?",
        ),
    ];
    for (tmpl, expected) in cases {
        assert_eq!(
            render(tmpl, Dialect::Postgres).unwrap_err(),
            format!("{expected}\n"),
            "{tmpl}"
        );
    }
}

#[test]
fn malformed_tags_are_located_errors() {
    let cases = [
        ("{{ }}", "error: t.sql.tmpl:1:4: expected an enum name, as in `{{ task_status.completed }}`, found the end of the tag"),
        ("{{ task_status }}", "error: t.sql.tmpl:1:16: expected `.variant` or `[variant, ...]` after enum `task_status`, found the end of the tag"),
        ("{{ task_status. }}", "error: t.sql.tmpl:1:17: expected a variant name after `task_status.`, found the end of the tag"),
        ("{{ task_status[] }}", "error: t.sql.tmpl:1:4: empty list: name at least one variant of enum task_status"),
        ("{{ task_status[a b] }}", "error: t.sql.tmpl:1:18: expected `,` or `]` in the list of enum task_status, found `b`"),
        ("{{ task_status.completed extra }}", "error: t.sql.tmpl:1:26: expected `|` or `}}` after the variant, found `e`"),
        ("{{ task_status.completed | }}", "error: t.sql.tmpl:1:28: expected a filter after `|`, `name` or `description`, found the end of the tag"),
        ("{{ 'abc }}", "error: t.sql.tmpl:1:4: unclosed string in tag; a literal `{{` is written `{{ '{{' }}`"),
        ("{{ task_status.completed", "error: t.sql.tmpl:1:1: unclosed tag: no `}}` after this `{{`; write `{{ '{{' }}` for a literal `{{`"),
        ("x-{{ temperature.frozen }}", "error: t.sql.tmpl:1:3: the value -40 would follow `-` and start an SQL comment `--`; put a space or parentheses before the tag"),
    ];
    for (tmpl, expected) in cases {
        assert_eq!(
            render(tmpl, Dialect::Postgres).unwrap_err(),
            format!("{expected}\n"),
            "{tmpl}"
        );
    }
    // A space, or the positive value, is fine.
    assert_eq!(
        render("x - {{ temperature.frozen }}", Dialect::Postgres).unwrap(),
        "x - -40"
    );
    assert_eq!(
        render("x-{{ temperature.zero }}", Dialect::Postgres).unwrap(),
        "x-0"
    );
}

#[test]
fn every_error_of_a_template_is_reported_at_once() {
    let tmpl = "\
CREATE INDEX a ON t (x) WHERE status < {{ task_status.complete }};
-- fine: {{ task_status.failed }}
CREATE INDEX b ON t (x) WHERE status IN ({{ task_statuses[failed, cancelled] }});
CREATE INDEX c ON t (x) WHERE kind = {{ task_status.failed | nme }}
  AND é = {{ temperature.frozn }} AND broken = {{ task_status.failed
";
    let expected = "\
error: t.sql.tmpl:1:55: enum task_status has no variant `complete`; did you mean `completed`?
error: t.sql.tmpl:3:45: unknown enum `task_statuses`; did you mean `task_status`?
error: t.sql.tmpl:4:62: unknown filter `nme`; did you mean `name`?
error: t.sql.tmpl:5:26: enum temperature has no variant `frozn`; did you mean `frozen`?
error: t.sql.tmpl:5:48: unclosed tag: no `}}` after this `{{`; write `{{ '{{' }}` for a literal `{{`
";
    assert_eq!(render(tmpl, Dialect::Postgres).unwrap_err(), expected);
}

#[test]
fn a_template_without_tags_is_copied_unchanged() {
    let texts = [
        "",
        "SELECT 1;",
        "SELECT '{' || '}' || '}}', $$ { } $$;\r\n-- ünïcödé 🚀\r\n  trailing spaces   \n\n\tno final newline",
        "{ {not a tag} }",
    ];
    for text in texts {
        for d in Dialect::ALL {
            assert_eq!(render(text, d).unwrap(), text);
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    let tmpl =
        "{{ task_status[pending, completed] | name }} {{ task_status.completed | description }}";
    let first = render(tmpl, Dialect::Mysql).unwrap();
    for _ in 0..5 {
        assert_eq!(render(tmpl, Dialect::Mysql).unwrap(), first);
    }
}

#[test]
fn the_example_indexes_take_their_numbers_from_the_registry() {
    let path = workspace_root().join("examples/tasks/sql/indexes.postgres.sql.tmpl");
    let source = Source::new("indexes.postgres.sql.tmpl", cli_support::read(&path));
    let sql = template::render(&source, &shipped(), Dialect::Postgres).unwrap();
    assert!(
        sql.contains("ON auto_tasks (status, priority)\n    WHERE status < 5;"),
        "{sql}"
    );
    assert!(
        sql.contains("ON task_approvals (task_id, expires_at)\n    WHERE status = 0;"),
        "{sql}"
    );

    // Renumbered in the registry, the rendered SQL follows.
    let mut moved = shipped();
    let e = moved
        .enums
        .iter_mut()
        .find(|e| e.key.value == "task_status")
        .unwrap();
    e.variants
        .iter_mut()
        .find(|v| v.name.value == "completed")
        .unwrap()
        .value
        .value = 50;
    let sql = template::render(&source, &moved, Dialect::Postgres).unwrap();
    assert!(sql.contains("WHERE status < 50;"), "{sql}");
}

// The command.

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), REGISTRY).unwrap();
    std::fs::create_dir(dir.path().join("sql")).unwrap();
    std::fs::write(
        dir.path().join("sql/a.sql.tmpl"),
        "WHERE s = {{ task_status.completed | name }};\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("sql/b.sql.tmpl"),
        "WHERE s IN ({{ task_status[failed, cancelled] }});\n",
    )
    .unwrap();
    dir
}

#[test]
fn render_prints_each_file_with_its_header() {
    let dir = setup();
    let r = run(gb_enums(dir.path()).args(["render", "sql/a.sql.tmpl", "sql/b.sql.tmpl"]));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(
        r.stdout,
        "-- This file is @generated by gb-enums from the template sql/a.sql.tmpl\n\
         -- and the registry schema.toml. Do not edit it: change the template and run `gb-enums generate`.\n\n\
         WHERE s = 'completed';\n\
         -- This file is @generated by gb-enums from the template sql/b.sql.tmpl\n\
         -- and the registry schema.toml. Do not edit it: change the template and run `gb-enums generate`.\n\n\
         WHERE s IN (6, 7);\n"
    );
    // From another directory, with --registry and --dialect.
    let sub = dir.path().join("sql");
    let r = run(gb_enums(&sub).args([
        "--registry",
        "../schema.toml",
        "render",
        "--dialect",
        "mysql",
        "a.sql.tmpl",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stdout
        .starts_with("-- This file is @generated by gb-enums from the template sql/a.sql.tmpl\n"));
}

#[test]
fn render_reports_every_error_of_every_file_and_prints_nothing() {
    let dir = setup();
    std::fs::write(
        dir.path().join("sql/bad.sql.tmpl"),
        "{{ task_status.complted }}\n{{ temprature.frozen }}\n",
    )
    .unwrap();
    let r = run(gb_enums(dir.path()).args([
        "render",
        "sql/a.sql.tmpl",
        "sql/bad.sql.tmpl",
        "sql/missing.sql.tmpl",
    ]));
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: sql/bad.sql.tmpl:1:16: enum task_status has no variant `complted`; did you mean `completed`?\n\
         error: sql/bad.sql.tmpl:2:4: unknown enum `temprature`; did you mean `temperature`?\n\
         error: sql/missing.sql.tmpl: template not found\n"
    );
}

#[test]
fn render_usage_errors_exit_2() {
    let dir = setup();
    let r = run(gb_enums(dir.path()).args(["render"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<FILE>..."), "{}", r.stderr);
    let r = run(gb_enums(dir.path()).args(["render", "--dialect", "oracle", "sql/a.sql.tmpl"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("possible values: postgres, sqlite, mysql"),
        "{}",
        r.stderr
    );
    let r = run(gb_enums(dir.path()).args(["--registry", "nope.toml", "render", "sql/a.sql.tmpl"]));
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (2, "error: nope.toml: registry file not found\n")
    );
}

#[test]
fn no_template_makes_rendering_panic() {
    // Fragments that tags are made of, and characters of several byte widths, combined at
    // random (a fixed seed, so a failure can be replayed).
    const PARTS: [&str; 22] = [
        "{{",
        "}}",
        "{",
        "}",
        "'",
        " ",
        "\n",
        "task_status",
        "temperature",
        ".",
        "[",
        "]",
        ",",
        "|",
        "name",
        "description",
        "completed",
        "frozen",
        "-",
        "é",
        "🚀",
        "\r\n",
    ];
    let registry = reg();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        let mut text = String::new();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = seed % 12;
        for i in 0..len {
            text.push_str(PARTS[((seed >> (i * 5)) % PARTS.len() as u64) as usize]);
        }
        for d in Dialect::ALL {
            match template::render(&Source::new("t", text.as_str()), &registry, d) {
                Ok(out) if !text.contains("{{") => assert_eq!(out, text),
                Ok(_) => {}
                Err(errors) => assert!(
                    !errors.is_empty() && errors.iter().all(|e| e.location.is_some()),
                    "{text:?}"
                ),
            }
        }
    }
}
