//! The MySQL output applied to a real MariaDB: twice, then after the registry changed; the
//! lookup tables must hold exactly the registry each time, and the bound columns must get
//! their comments and defaults once they exist.

mod cli_support;

use cli_support::db::{self, TestDb};
use cli_support::{awkward, awkward_large, shipped};
use diesel::connection::SimpleConnection;
use diesel::MysqlConnection;
use gb_enums_codegen::render::sql::{column_comment, render};
use gb_enums_codegen::{Dialect, Registry};

fn apply(conn: &mut TestDb<MysqlConnection>, registry: &Registry) {
    let sql = render(registry, Dialect::Mysql, "schema.toml").unwrap();
    conn.batch_execute(&sql)
        .unwrap_or_else(|e| panic!("the MySQL output does not apply: {e}"));
}

fn column_info(
    conn: &mut TestDb<MysqlConnection>,
    table: &str,
    column: &str,
    field: &str,
) -> Option<String> {
    db::text(
        &mut **conn,
        &format!(
            "SELECT CAST({field} AS CHAR) AS text FROM information_schema.COLUMNS \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{table}' AND COLUMN_NAME = '{column}'"
        ),
    )
}

fn registry_comment(r: &Registry, table: &str, column: &str) -> String {
    let t = r.tables.iter().find(|t| t.name.value == table).unwrap();
    let c = t.columns.iter().find(|c| c.name.value == column).unwrap();
    column_comment(r.enum_by_key(&c.enum_key.value).unwrap(), c)
}

#[test]
fn shipped_sql_applies_twice_and_follows_registry_changes() {
    let Some(mut conn) = db::mysql("my_shipped") else {
        return;
    };
    let registry = shipped();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    let mut edited = registry.clone();
    let e = edited
        .enums
        .iter_mut()
        .find(|e| e.key.value == "channel_type")
        .unwrap();
    e.variants
        .iter_mut()
        .find(|v| v.name.value == "sms")
        .unwrap()
        .description = r#"SMS\Text, it's "short""#.into();
    e.variants.retain(|v| v.name.value != "instagram");
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut *conn, &edited);
    let rows = db::lookup_rows(&mut *conn, "channel_type");
    assert!(
        rows.iter().all(|r| r.name != "instagram"),
        "the removed value is deleted"
    );
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut *conn, &edited);
}

#[test]
fn bound_columns_get_comments_and_defaults_once_their_tables_exist() {
    let Some(mut conn) = db::mysql("my_columns") else {
        return;
    };
    let registry = shipped();
    apply(&mut conn, &registry);

    conn.batch_execute(
        "CREATE TABLE auto_tasks (id INT PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT NULL, \
         execution_mode VARCHAR(50) NOT NULL DEFAULT 'supervised'); \
         CREATE TABLE task_approvals (id INT PRIMARY KEY, status SMALLINT AS (0) VIRTUAL);",
    )
    .unwrap();
    apply(&mut conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    for column in ["status", "priority"] {
        assert_eq!(
            column_info(&mut conn, "auto_tasks", column, "COLUMN_COMMENT").as_deref(),
            Some(registry_comment(&registry, "auto_tasks", column).as_str()),
            "auto_tasks.{column}"
        );
    }
    // Restating the column kept its type and nullability.
    assert_eq!(
        column_info(&mut conn, "auto_tasks", "status", "IS_NULLABLE").as_deref(),
        Some("NO")
    );
    assert_eq!(
        column_info(&mut conn, "auto_tasks", "priority", "IS_NULLABLE").as_deref(),
        Some("YES")
    );
    assert_eq!(
        column_info(&mut conn, "auto_tasks", "status", "DATA_TYPE").as_deref(),
        Some("smallint")
    );

    // The defaults are the registry's.
    conn.batch_execute("INSERT INTO auto_tasks (id) VALUES (1);")
        .unwrap();
    assert_eq!(
        db::number(&mut *conn, "SELECT status AS number FROM auto_tasks"),
        0
    );
    assert_eq!(
        db::number(&mut *conn, "SELECT priority AS number FROM auto_tasks"),
        1
    );

    // A legacy text column and a generated column are left alone.
    assert_eq!(
        column_info(&mut conn, "auto_tasks", "execution_mode", "COLUMN_COMMENT").as_deref(),
        Some("")
    );
    assert_eq!(
        db::text(&mut *conn, "SELECT execution_mode AS text FROM auto_tasks").as_deref(),
        Some("supervised")
    );
    assert_eq!(
        column_info(&mut conn, "task_approvals", "status", "COLUMN_COMMENT").as_deref(),
        Some("")
    );
    assert!(column_info(&mut conn, "task_approvals", "status", "EXTRA")
        .unwrap()
        .contains("GENERATED"));

    // CHECK-free: no constraint was added.
    let constraints = db::text(
        &mut *conn,
        "SELECT CAST(COUNT(*) AS CHAR) AS text FROM information_schema.TABLE_CONSTRAINTS \
         WHERE TABLE_SCHEMA = DATABASE() AND CONSTRAINT_TYPE <> 'PRIMARY KEY'",
    );
    assert_eq!(constraints.as_deref(), Some("0"));
}

#[test]
fn awkward_sql_round_trips_every_character() {
    let Some(mut conn) = db::mysql("my_awkward") else {
        return;
    };
    let registry = awkward();
    conn.batch_execute("CREATE TABLE weird_items (id INT PRIMARY KEY, kind SMALLINT, code INT);")
        .unwrap();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    let tables = db::text(
        &mut *conn,
        "SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) AS text FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE()",
    );
    assert_eq!(
        tables.as_deref(),
        Some("enum_awkward_text,enum_open_codes,weird_items")
    );
    assert_eq!(
        column_info(&mut conn, "weird_items", "kind", "COLUMN_COMMENT").as_deref(),
        Some(registry_comment(&registry, "weird_items", "kind").as_str())
    );
    conn.batch_execute("INSERT INTO weird_items (id) VALUES (1);")
        .unwrap();
    assert_eq!(
        db::number(&mut *conn, "SELECT kind AS number FROM weird_items"),
        i16::MIN
    );
}

/// The awkward registry with a 100 KB description, applied twice under each `sql_mode` that
/// changes how literals read (`NO_BACKSLASH_ESCAPES`) or how long data fails (strict or not),
/// through Diesel and through the `mariadb` command-line client: every text reads back byte
/// for byte, and so do the column comments.
#[test]
fn awkward_sql_reads_back_exactly_under_every_sql_mode() {
    let registry = awkward_large();
    let sql = render(&registry, Dialect::Mysql, "schema.toml").unwrap();
    let modes = [
        ("strict_nbe", "STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES"),
        ("strict", "STRICT_ALL_TABLES"),
        ("nbe", "NO_BACKSLASH_ESCAPES"),
        ("lax", ""),
    ];
    for (name, mode) in modes {
        let Some(mut conn) = db::mysql(&format!("my_mode_{name}")) else {
            return;
        };
        conn.batch_execute(&format!(
            "SET SESSION sql_mode = '{mode}'; \
             CREATE TABLE weird_items (id INT PRIMARY KEY, kind SMALLINT, code INT);"
        ))
        .unwrap();
        for _ in 0..2 {
            conn.batch_execute(&sql).unwrap_or_else(|e| {
                panic!("the MySQL output does not apply in mode `{mode}`: {e}")
            });
            db::assert_lookup_tables_match(&mut *conn, &registry);
        }
        assert_eq!(
            column_info(&mut conn, "weird_items", "kind", "COLUMN_COMMENT").as_deref(),
            Some(registry_comment(&registry, "weird_items", "kind").as_str()),
            "mode `{mode}`"
        );
        let table_comment = db::text(
            &mut *conn,
            "SELECT CAST(TABLE_COMMENT AS CHAR) AS text FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'enum_awkward_text'",
        )
        .unwrap();
        assert!(
            table_comment
                .starts_with("Awkward | Text # 'quoted' \\ back: the values of enum awkward_text")
                && table_comment.contains("1. not a numbered list\n\'); DROP TABLE x; --"),
            "mode `{mode}`: {table_comment:?}"
        );

        // The command-line client, as a team would apply the file.
        conn.batch_execute("DROP TABLE enum_awkward_text; DROP TABLE enum_open_codes;")
            .unwrap();
        for _ in 0..2 {
            db::mysql_client(&format!("gbcli_my_mode_{name}"), mode, &sql);
        }
        db::assert_lookup_tables_match(&mut *conn, &registry);
    }
}
