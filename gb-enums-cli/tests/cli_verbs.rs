//! The `gb-enums` command: help for every verb, exit codes, `docs` and `sql` on stdout, and
//! `--registry` pointing at a missing, unreadable or broken file.

mod cli_support;

use cli_support::{gb_enums, read, run, workspace_root};

const VERBS: [&str; 8] = [
    "generate", "check", "docs", "sql", "migrate", "import", "breaking", "render",
];

/// Every verb this crate's helpers own, with the arguments it needs to run.
const OWN_VERBS: [&[&str]; 5] = [
    &["docs"],
    &["sql", "--dialect", "postgres"],
    &["generate"],
    &["check"],
    &["render", "x.sql.tmpl"],
];

#[test]
fn every_verb_has_help() {
    let root = workspace_root();
    let r = run(gb_enums(&root).arg("--help"));
    assert_eq!(r.code, 0);
    for verb in VERBS {
        assert!(
            r.stdout.contains(&format!("\n  {verb} ")),
            "`{verb}` missing from --help:\n{}",
            r.stdout
        );
        let r = run(gb_enums(&root).args([verb, "--help"]));
        assert_eq!(r.code, 0, "{verb} --help: {}", r.stderr);
        assert!(
            r.stdout.contains(&format!("Usage: gb-enums {verb}")),
            "{verb} --help:\n{}",
            r.stdout
        );
        assert!(
            r.stdout.contains("--registry <PATH>"),
            "{verb} --help lacks --registry"
        );
    }
    let r = run(gb_enums(&root).args(["help", "sql"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--dialect <DIALECT>"));
}

#[test]
fn usage_errors_exit_2() {
    let root = workspace_root();
    for args in [
        &[][..],
        &["frobnicate"],
        &["sql"],
        &["sql", "--dialect", "oracle"],
        &["docs", "--no-such-flag"],
        &["check", "extra-argument"],
    ] {
        let r = run(gb_enums(&root).args(args));
        assert_eq!(r.code, 2, "gb-enums {args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "gb-enums {args:?} printed to stdout");
        assert!(
            r.stderr.starts_with("error: ") || r.stderr.contains("Usage:"),
            "{}",
            r.stderr
        );
    }
    let r = run(gb_enums(&root).args(["sql", "--dialect", "oracle"]));
    assert!(
        r.stderr
            .contains("[possible values: postgres, sqlite, mysql]"),
        "{}",
        r.stderr
    );
}

#[test]
fn docs_and_sql_print_what_generate_writes() {
    let root = workspace_root();
    let r = run(gb_enums(&root).arg("docs"));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert_eq!(r.stdout, read(&root.join("docs/enum-reference.md")));
    for dialect in ["postgres", "sqlite", "mysql"] {
        let r = run(gb_enums(&root).args(["sql", "--dialect", dialect]));
        assert_eq!((r.code, r.stderr.as_str()), (0, ""));
        assert_eq!(
            r.stdout,
            read(&root.join(format!("sql/enums.{dialect}.sql"))),
            "{dialect}"
        );
    }
    // From a subdirectory the registry is found upward; with --registry, from anywhere.
    let r = run(gb_enums(&root.join("gb-enums-cli/src")).arg("docs"));
    assert_eq!(r.stdout, read(&root.join("docs/enum-reference.md")));
    let elsewhere = tempfile::tempdir().unwrap();
    let registry = root.join("schema.toml");
    let r = run(gb_enums(elsewhere.path())
        .arg("--registry")
        .arg(&registry)
        .arg("docs"));
    assert_eq!(r.stdout, read(&root.join("docs/enum-reference.md")));
    let r = run(gb_enums(elsewhere.path())
        .env("GB_ENUMS_REGISTRY", &registry)
        .arg("docs"));
    assert_eq!(r.stdout, read(&root.join("docs/enum-reference.md")));
}

#[test]
fn a_missing_registry_is_exit_2_for_every_verb() {
    let dir = tempfile::tempdir().unwrap();
    for args in OWN_VERBS {
        let r = run(gb_enums(dir.path())
            .args(["--registry", "missing.toml"])
            .args(args));
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(
            r.stderr, "error: missing.toml: registry file not found\n",
            "{args:?}"
        );
        assert_eq!(r.stdout, "", "{args:?}");

        // No --registry and no schema.toml in the directory or above it.
        let r = run(gb_enums(dir.path()).args(args));
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr
                .starts_with("error: schema.toml: no `schema.toml` in "),
            "{args:?}: {}",
            r.stderr
        );
    }
    // A directory is not a registry.
    let r = run(gb_enums(dir.path()).args(["--registry", ".", "docs"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: ") && r.stderr.contains("cannot read the registry"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_broken_registry_reports_every_error_at_once_for_every_verb() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "\
[enums.task_status]
default = \"pendng\"
variants = [
  { value = 0, name = \"pending\", description = \"Waiting\" },
  { value = 0, name = \"ready\", description = \"Ready\" },
]

[enums.Bad_Key]
variants = [{ value = 1, name = \"x\" }]
";
    std::fs::write(dir.path().join("broken.toml"), broken).unwrap();
    for args in OWN_VERBS {
        let r = run(gb_enums(dir.path())
            .args(["--registry", "broken.toml"])
            .args(args));
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 3, "{args:?}: {}", r.stderr);
        assert!(
            lines[0].starts_with("error: broken.toml:2:11: default `pendng`"),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].ends_with("did you mean `pending`?"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("error: broken.toml:5:13: duplicate value 0 in enum task_status"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("error: broken.toml:8:8: invalid enum key `Bad_Key`"),
            "{}",
            lines[2]
        );
    }

    std::fs::write(dir.path().join("syntax.toml"), "[enums.x\nvariants = 3\n").unwrap();
    let r = run(gb_enums(dir.path()).args(["--registry", "syntax.toml", "check"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: syntax.toml:1:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("invalid TOML"), "{}", r.stderr);
}

#[test]
fn a_registry_that_is_sql_gets_a_hint_not_hundreds_of_errors() {
    let dir = tempfile::tempdir().unwrap();
    let sql = "CREATE TABLE t (\n  s text CHECK (s IN ('a', 'b'))\n);\n".repeat(100);
    std::fs::write(dir.path().join("legacy.sql"), sql).unwrap();
    let r = run(gb_enums(dir.path()).args(["--registry", "legacy.sql", "check"]));
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stderr);
    assert!(
        lines[0].starts_with(
            "error: legacy.sql: `legacy.sql` is not a TOML file: the registry is TOML, usually `schema.toml`; \
             to make a registry from SQL, run `gb-enums import legacy.sql`"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn an_empty_registry_is_accepted_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), "# to do\n").unwrap();
    let r = run(gb_enums(dir.path()).arg("check"));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stderr,
        "warning: schema.toml: the registry defines no enum; add one as `[enums.NAME]` with `variants = [...]`\n\
         schema.toml is valid; 0 outputs are current\n"
    );
}
