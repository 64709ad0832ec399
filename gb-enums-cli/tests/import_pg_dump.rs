//! `gb-enums import` on real `pg_dump --schema-only` output: the schema of
//! `fixtures/import/pg_dump_source.sql` is created in a test schema and dumped; importing the
//! fresh dump must give the registry that importing the committed `fixtures/import/pg_dump.sql`
//! gives (whose snapshot `import_snapshots` checks). With `UPDATE_SNAPSHOTS=1` the fresh dump
//! replaces the committed one.

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::db;
use diesel::connection::SimpleConnection;

/// The registry of an import, without the comments (which name the file and its lines).
fn import(dir: &Path, file: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .current_dir(dir)
        .args(["import", file])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_fresh_pg_dump_imports_like_the_committed_one() {
    let Some(mut conn) = db::postgres("import_pg_dump") else {
        return;
    };
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    conn.batch_execute(&cli_support::read(&fixtures.join("pg_dump_source.sql")))
        .unwrap();
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let dump = Command::new("pg_dump")
        .args([
            "--schema-only",
            "--no-owner",
            "--schema",
            "gbcli_import_pg_dump",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pg_dump (install the PostgreSQL client): {e}"));
    assert!(
        dump.status.success(),
        "pg_dump failed: {}",
        String::from_utf8_lossy(&dump.stderr)
    );
    let text = String::from_utf8(dump.stdout).unwrap();
    assert!(
        text.contains("= ANY ((ARRAY["),
        "pg_dump writes CHECK ... IN as = ANY (ARRAY[...]):\n{text}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("fresh.sql"), &text).unwrap();
    let fresh = import(dir.path(), "fresh.sql");
    let committed = fixtures.join("pg_dump.sql");
    // Every dump differs (pg_dump 15.14+ writes a random `\restrict` key): the committed one
    // is replaced only when it imports differently.
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1")
        && (!committed.exists() || import(&fixtures, "pg_dump.sql") != fresh)
    {
        std::fs::write(&committed, &text).unwrap();
    }
    assert_eq!(fresh, import(&fixtures, "pg_dump.sql"));
}
