//! A legacy schema (`fixtures/migrate/legacy.sql`: three tables, VARCHAR, TEXT and enum-typed
//! columns, CHECK constraints in four forms, text defaults, a partial index on strings, mixed
//! case stored values) with 260,000 generated rows goes through `gb-enums import`, then
//! `gb-enums migrate`, then is applied to a real PostgreSQL, twice, and back down, twice.
//! The generated SQL is snapshot-tested (`UPDATE_SNAPSHOTS=1` rewrites it).

mod cli_support;

use std::path::Path;
use std::process::Command;

use cli_support::{assert_snapshot, db};
use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{PgConnection, QueryableByName, RunQueryDsl};
use gb_enums_codegen::{parse_registry, Registry, Source};

/// The rows: 200,000 tasks of which 2% are open, 50,000 messages whose channel is stored in
/// three cases, 10,000 audit events in legacy upper-case spellings. The originals are copied
/// for the checks.
const DATA: &str = "
INSERT INTO auto_tasks (id, title, status, priority, mode, created_at)
SELECT g, 'task ' || g,
       CASE WHEN g % 50 = 0 THEN (ARRAY['pending', 'ready', 'running', 'paused', 'waiting_approval'])[1 + (g / 50) % 5]
            ELSE (ARRAY['completed', 'failed', 'cancelled'])[1 + g % 3] END,
       (ARRAY['low', 'normal', 'high', 'urgent'])[1 + g % 4],
       (ARRAY['supervised', 'autonomous', 'dry_run'])[1 + g % 3]::execution_mode,
       timestamptz '2024-01-01' + g * interval '1 minute'
  FROM generate_series(1, 200000) AS g;
INSERT INTO messages (id, role, channel, body)
SELECT g, (ARRAY['user', 'assistant', 'system', 'tool'])[1 + g % 4],
       (ARRAY['web', 'Web', 'WEB', 'whatsapp', 'WhatsApp', 'msteams', 'MSTeams', 'telegram'])[1 + g % 8],
       'hello ' || g
  FROM generate_series(1, 50000) AS g;
INSERT INTO audit_events (id, kind)
SELECT g, (ARRAY['APP_CREATE', 'APP_DELETE', 'UserLogin'])[1 + g % 3] FROM generate_series(1, 10000) AS g;
CREATE TABLE original_tasks AS SELECT id, status, priority, mode::text AS mode FROM auto_tasks;
CREATE TABLE original_messages AS SELECT id, role, channel FROM messages;
CREATE TABLE original_events AS SELECT id, kind FROM audit_events;
";

fn gb_enums(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        // The registry is found from the current directory, whatever the caller exports.
        .env_remove("GB_ENUMS_REGISTRY")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// `import legacy.sql`, then `migrate --out`: the registry and the two migration files.
struct Generated {
    _dir: tempfile::TempDir,
    registry: Registry,
    up: String,
    down: String,
}

fn generate() -> Generated {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrate");
    let imported = gb_enums(&fixtures, &["import", "legacy.sql"]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let toml = String::from_utf8(imported.stdout).unwrap();
    let registry = parse_registry(Source::new("schema.toml", toml.as_str()))
        .unwrap_or_else(|e| panic!("import printed an invalid registry:\n{e}\n{toml}"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), &toml).unwrap();
    let out = gb_enums(
        dir.path(),
        &[
            "--registry",
            "schema.toml",
            "migrate",
            "--dialect",
            "postgres",
            "--out",
            "migration",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| cli_support::read(&dir.path().join("migration").join(name));
    let (up, down) = (read("up.sql"), read("down.sql"));
    // What --out writes is what stdout shows.
    let printed = gb_enums(
        dir.path(),
        &[
            "--registry",
            "schema.toml",
            "migrate",
            "--dialect",
            "postgres",
        ],
    );
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), up);
    let printed = gb_enums(
        dir.path(),
        &[
            "--registry",
            "schema.toml",
            "migrate",
            "--dialect",
            "postgres",
            "--down",
        ],
    );
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), down);
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/migrate");
    assert_snapshot(&snapshots.join("legacy.schema.toml"), &toml);
    assert_snapshot(&snapshots.join("legacy.up.sql"), &up);
    assert_snapshot(&snapshots.join("legacy.down.sql"), &down);
    Generated {
        _dir: dir,
        registry,
        up,
        down,
    }
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

/// Every row of `query`'s single text column `line`.
fn lines(conn: &mut PgConnection, query: &str) -> Vec<String> {
    let rows: Vec<Line> = diesel::sql_query(query)
        .load(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    rows.into_iter().map(|r| r.line).collect()
}

fn count(conn: &mut PgConnection, query: &str) -> i64 {
    let text = db::text(conn, &format!("SELECT ({query})::text AS text")).unwrap();
    text.parse().unwrap()
}

/// Types and defaults of every column of the legacy tables, exactly.
fn columns(conn: &mut PgConnection) -> Vec<String> {
    lines(
        conn,
        "SELECT format('%s.%s %s default %s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                       coalesce(pg_get_expr(d.adbin, d.adrelid), '-')) AS line
           FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
           LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
          WHERE c.relnamespace = current_schema()::regnamespace
            AND c.relname IN ('auto_tasks', 'messages', 'audit_events') AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY c.relname, a.attnum",
    )
}

/// Constraints and indexes of the legacy tables: names, or whole definitions.
fn objects(conn: &mut PgConnection, definitions: bool) -> Vec<String> {
    let (con, idx) = if definitions {
        (
            "pg_get_constraintdef(o.oid)",
            "pg_get_indexdef(x.indexrelid)",
        )
    } else {
        ("o.contype::text", "'index'")
    };
    lines(
        conn,
        &format!(
            "SELECT line FROM (
               SELECT format('%s %s %s', o.conrelid::regclass, o.conname, {con}) AS line
                 FROM pg_constraint o WHERE o.conrelid IN ('auto_tasks'::regclass, 'messages'::regclass, 'audit_events'::regclass)
               UNION ALL
               SELECT format('%s %s %s', x.indrelid::regclass, x.indexrelid::regclass, {idx})
                 FROM pg_index x WHERE x.indrelid IN ('auto_tasks'::regclass, 'messages'::regclass, 'audit_events'::regclass)
             ) AS o ORDER BY 1"
        ),
    )
}

/// The predicate of `index`, as PostgreSQL shows it.
fn predicate(conn: &mut PgConnection, index: &str) -> String {
    db::text(conn, &format!("SELECT pg_get_expr(indpred, indrelid) AS text FROM pg_index WHERE indexrelid = '{index}'::regclass"))
        .unwrap_or_else(|| panic!("{index} has no predicate"))
}

fn plan(conn: &mut PgConnection, query: &str) -> String {
    #[derive(QueryableByName)]
    struct PlanLine {
        #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let rows: Vec<PlanLine> = diesel::sql_query(format!("EXPLAIN {query}"))
        .load(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    rows.into_iter()
        .map(|r| r.line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The enum key bound to `table.column` by the imported registry.
fn enum_of<'r>(r: &'r Registry, table: &str, column: &str) -> &'r str {
    let t = r.tables.iter().find(|t| t.name.value == table).unwrap();
    &t.columns
        .iter()
        .find(|c| c.name.value == column)
        .unwrap()
        .enum_key
        .value
}

/// `lookup_KEY (value, name)` for every enum, from the registry: what the joins check against.
fn create_lookup_tables(conn: &mut PgConnection, r: &Registry) {
    for e in &r.enums {
        let rows: Vec<String> = e
            .variants
            .iter()
            .map(|v| {
                format!(
                    "({}, '{}')",
                    v.value.value,
                    v.name.value.replace('\'', "''")
                )
            })
            .collect();
        conn.batch_execute(&format!(
            "CREATE TABLE lookup_{0} (value smallint PRIMARY KEY, name text NOT NULL); INSERT INTO lookup_{0} VALUES {1};",
            e.key.value,
            rows.join(", ")
        ))
        .unwrap();
    }
}

fn legacy_database(name: &str) -> Option<db::TestDb<PgConnection>> {
    let mut conn = db::postgres(name)?;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrate");
    conn.batch_execute(&cli_support::read(&fixtures.join("legacy.sql")))
        .unwrap();
    conn.batch_execute(DATA).unwrap();
    // One statement each: VACUUM cannot run in the transaction of a multi-statement batch.
    for table in ["auto_tasks", "messages", "audit_events"] {
        conn.batch_execute(&format!("VACUUM ANALYZE {table}"))
            .unwrap();
    }
    Some(conn)
}

/// Rows whose value in the converted table does not mean what the original string meant,
/// judged by joining the lookup tables; 0 when every row kept its meaning.
fn rows_that_changed_meaning(conn: &mut PgConnection, r: &Registry) -> i64 {
    let checks = [
        ("auto_tasks", "original_tasks", "status", "lower(o.status)"),
        ("auto_tasks", "original_tasks", "priority", "o.priority"),
        ("auto_tasks", "original_tasks", "mode", "o.mode"),
        ("messages", "original_messages", "role", "o.role"),
        // stored in three cases; one value each
        ("messages", "original_messages", "channel", "lower(o.channel)"),
        (
            "audit_events",
            "original_events",
            "kind",
            "CASE o.kind WHEN 'APP_CREATE' THEN 'app_create' WHEN 'APP_DELETE' THEN 'app_delete' WHEN 'UserLogin' THEN 'user_login' END",
        ),
    ];
    let mut changed = 0;
    for (table, original, column, meaning) in checks {
        let lookup = format!("lookup_{}", enum_of(r, table, column));
        let total = count(conn, &format!("SELECT count(*) FROM {original}"));
        let kept = count(
            conn,
            &format!(
                "SELECT count(*) FROM {table} t JOIN {original} o USING (id) JOIN {lookup} l ON l.value = t.{column} \
                 WHERE l.name = {meaning}"
            ),
        );
        assert!(kept <= total);
        changed += total - kept;
    }
    changed
}

/// Rows whose text differs from the copy of the original; 0 when the text is restored exactly.
fn rows_not_restored(conn: &mut PgConnection) -> i64 {
    count(
        conn,
        "SELECT count(*) FROM auto_tasks t FULL JOIN original_tasks o USING (id)
          WHERE t.id IS NULL OR o.id IS NULL OR (t.status, t.priority, t.mode::text) IS DISTINCT FROM (o.status, o.priority, o.mode)",
    ) + count(
        conn,
        "SELECT count(*) FROM messages t FULL JOIN original_messages o USING (id)
          WHERE t.id IS NULL OR o.id IS NULL OR (t.role, t.channel) IS DISTINCT FROM (o.role, o.channel)",
    ) + count(
        conn,
        "SELECT count(*) FROM audit_events t FULL JOIN original_events o USING (id)
          WHERE t.id IS NULL OR o.id IS NULL OR t.kind IS DISTINCT FROM o.kind",
    )
}

const OPEN_TASKS: i64 = 4000;
const OPEN_QUERY: &str = "SELECT * FROM auto_tasks WHERE status < 5";

#[test]
fn legacy_schema_is_imported_migrated_and_restored() {
    let generated = generate();
    let Some(mut conn) = legacy_database("migrate_legacy") else {
        return;
    };
    let conn = &mut *conn;
    let r = &generated.registry;
    // The import numbered the values in the order of the CHECK: open statuses are below 5.
    let status = r.enum_by_key(enum_of(r, "auto_tasks", "status")).unwrap();
    let completed = status.variant_by_name("completed").unwrap().value.value;
    assert_eq!(completed, 5);
    let finished = ["completed", "failed", "cancelled"];
    assert!(status
        .variants
        .iter()
        .all(|v| (v.value.value >= 5) == finished.contains(&v.name.value.as_str())));

    let columns_before = columns(conn);
    let objects_before = objects(conn, false);
    let open_predicate_before = predicate(conn, "auto_tasks_open_idx");
    assert_eq!(
        count(
            conn,
            &format!("SELECT count(*) FROM auto_tasks WHERE {open_predicate_before}")
        ),
        OPEN_TASKS
    );
    let chosen = plan(
        conn,
        "SELECT * FROM auto_tasks WHERE status NOT IN ('completed', 'failed', 'cancelled')",
    );
    assert!(chosen.contains("auto_tasks_open_idx"), "{chosen}");

    for run in 1..=2 {
        conn.batch_execute(&generated.up)
            .unwrap_or_else(|e| panic!("up migration, run {run}: {e}"));

        // Every bound column is SMALLINT now; nothing else changed type.
        let after = columns(conn);
        for line in &after {
            let bound = [
                "auto_tasks.status ",
                "auto_tasks.priority ",
                "auto_tasks.mode ",
                "messages.role ",
                "messages.channel ",
                "audit_events.kind ",
            ]
            .iter()
            .any(|c| line.starts_with(c));
            assert_eq!(line.contains(" smallint default"), bound, "{line}");
        }
        // The defaults are the numbers of [tables]: pending, normal, supervised, user, web.
        let expected_defaults = [
            "auto_tasks.status smallint default 0",
            "auto_tasks.priority smallint default 1",
            "auto_tasks.mode smallint default 0",
            "messages.role smallint default 0",
            "messages.channel smallint default 0",
            "audit_events.kind smallint default -",
        ];
        for d in expected_defaults {
            assert!(after.iter().any(|l| l == d), "{d} not in {after:#?}");
        }

        // Every row keeps its meaning.
        if run == 1 {
            create_lookup_tables(conn, r);
        }
        assert_eq!(rows_that_changed_meaning(conn, r), 0);

        // The partial index was recreated with numbers: it still leaves out completed,
        // failed and cancelled tasks, and the planner still picks it for `status < 5`.
        let open_predicate = predicate(conn, "auto_tasks_open_idx");
        assert_eq!(open_predicate, "(status <> ALL (ARRAY[5, 6, 7]))");
        assert_eq!(
            count(
                conn,
                &format!("SELECT count(*) FROM auto_tasks WHERE {open_predicate}")
            ),
            OPEN_TASKS
        );
        assert_eq!(
            count(
                conn,
                &format!(
                    "SELECT count(*) FROM (SELECT id FROM auto_tasks WHERE {open_predicate}) AS t \
                     JOIN original_tasks o USING (id) WHERE o.status IN ('completed', 'failed', 'cancelled')"
                )
            ),
            0
        );
        conn.batch_execute("ANALYZE auto_tasks").unwrap();
        let chosen = plan(conn, OPEN_QUERY);
        assert!(chosen.contains("auto_tasks_open_idx"), "{chosen}");
        // The plain index was rebuilt on the numbers; the CHECK constraints are gone.
        assert_eq!(
            db::text(conn, "SELECT pg_get_indexdef('auto_tasks_status_idx'::regclass) AS text").unwrap(),
            format!("CREATE INDEX auto_tasks_status_idx ON gbcli_migrate_legacy.auto_tasks USING btree (status)")
        );
        let checks: Vec<String> = objects(conn, false)
            .into_iter()
            .filter(|o| o.ends_with(" c"))
            .collect();
        assert_eq!(checks, Vec::<String>::new());
    }

    // A row written after the conversion, with the defaults.
    conn.batch_execute("INSERT INTO auto_tasks (id, title, created_at) VALUES (0, 'new', now())")
        .unwrap();
    assert_eq!(
        db::text(conn, "SELECT format('%s %s %s', status, priority, mode) AS text FROM auto_tasks WHERE id = 0").unwrap(),
        "0 1 0"
    );

    for run in 1..=2 {
        conn.batch_execute(&generated.down)
            .unwrap_or_else(|e| panic!("down migration, run {run}: {e}"));
        // The new row reads back as names.
        assert_eq!(
            db::text(conn, "SELECT format('%s %s %s', status, priority, mode) AS text FROM auto_tasks WHERE id = 0").unwrap(),
            "pending normal supervised"
        );
        conn.batch_execute("DELETE FROM auto_tasks WHERE id = 0")
            .unwrap();
        // Types, defaults, constraints and indexes are back, and every stored string is the
        // original one, in its original case.
        assert_eq!(columns(conn), columns_before);
        assert_eq!(objects(conn, false), objects_before);
        assert_eq!(rows_not_restored(conn), 0);
        let open_predicate = predicate(conn, "auto_tasks_open_idx");
        assert!(
            open_predicate.contains("'completed'::character varying"),
            "{open_predicate}"
        );
        assert_eq!(
            count(
                conn,
                &format!("SELECT count(*) FROM auto_tasks WHERE {open_predicate}")
            ),
            OPEN_TASKS
        );
        // The records of the up migration are gone.
        assert_eq!(count(conn, "SELECT count(*) FROM pg_class WHERE relname LIKE 'gb_enums_legacy%' AND relnamespace = current_schema()::regnamespace"), 0);
        conn.batch_execute("INSERT INTO auto_tasks (id, title, status, created_at) VALUES (0, 'new', 'pending', now())").unwrap();
    }
    // The restored CHECK constraints hold again.
    let rejected = conn.batch_execute("UPDATE messages SET channel = 'fax' WHERE id = 1");
    assert!(rejected
        .unwrap_err()
        .to_string()
        .contains("messages_channel_check"));
}

#[test]
fn an_unmapped_string_stops_the_migration_and_changes_nothing() {
    let generated = generate();
    let Some(mut conn) = legacy_database("migrate_unmapped") else {
        return;
    };
    let conn = &mut *conn;
    // A string the CHECK never allowed, as old code sometimes wrote: 200 rows.
    conn.batch_execute(
        "ALTER TABLE auto_tasks DROP CONSTRAINT auto_tasks_status_check;
         UPDATE auto_tasks SET status = 'archived' WHERE id % 1000 = 7;
         DROP TABLE original_tasks;
         CREATE TABLE original_tasks AS SELECT id, status, priority, mode::text AS mode FROM auto_tasks;",
    )
    .unwrap();
    let columns_before = columns(conn);
    let objects_before = objects(conn, true);

    let err = conn
        .batch_execute(&generated.up)
        .expect_err("the migration must stop")
        .to_string();
    assert!(
        err.starts_with("gb-enums: nothing was changed, because:"),
        "{err}"
    );
    assert!(err.contains("auto_tasks.status stores strings that are no name or alias of enum status: 'archived' (200 rows)"), "{err}");
    assert_eq!(
        err.matches("\n  - ").count(),
        1,
        "only the one problem: {err}"
    );

    assert_eq!(columns(conn), columns_before);
    assert_eq!(objects(conn, true), objects_before);
    assert_eq!(rows_not_restored(conn), 0);
    assert_eq!(count(conn, "SELECT count(*) FROM pg_class WHERE relname LIKE 'gb_enums_legacy%' AND relnamespace = current_schema()::regnamespace"), 0);
}

/// A registry written by hand, for the cases the legacy schema does not have.
fn migration_of(registry: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), registry).unwrap();
    let up = gb_enums(dir.path(), &["migrate", "--dialect", "postgres"]);
    let down = gb_enums(dir.path(), &["migrate", "--dialect", "postgres", "--down"]);
    assert!(
        up.status.success(),
        "{}",
        String::from_utf8_lossy(&up.stderr)
    );
    (
        String::from_utf8(up.stdout).unwrap(),
        String::from_utf8(down.stdout).unwrap(),
    )
}

const HAND_WRITTEN: &str = r#"
[enums.level]
variants = [{ value = 0, name = "debug" }, { value = 1, name = "info" }, { value = 2, name = "warn" }]
[enums.state]
variants = [{ value = 0, name = "open" }, { value = 1, name = "closed", aliases = ["CLOSED", "Done"] }]
[tables.logs]
level = { enum = "level", default = "info" }
[tables.tickets]
state = { enum = "state" }
"#;

#[test]
fn integer_columns_are_a_type_change_and_every_problem_is_listed() {
    let Some(mut conn) = db::postgres("migrate_problems") else {
        return;
    };
    let conn = &mut *conn;
    let (up, down) = migration_of(HAND_WRITTEN);
    let (up, down) = (up.as_str(), down.as_str());
    conn.batch_execute(
        "CREATE TABLE logs (id int PRIMARY KEY, level integer DEFAULT 1);
         INSERT INTO logs SELECT g, g % 3 FROM generate_series(1, 1000) g;
         CREATE TABLE tickets (id int PRIMARY KEY, state text, title text);
         INSERT INTO tickets SELECT g, (ARRAY['open', 'CLOSED', 'done', 'Open'])[1 + g % 4], 't' FROM generate_series(1, 100) g;",
    )
    .unwrap();

    // Every problem at once: an unknown number, an unmapped string, an index that cannot be
    // translated (a function of the column); a predicate mixing columns is translated.
    conn.batch_execute(
        "INSERT INTO logs VALUES (5000, 7), (5001, 7), (5002, 70000);
         INSERT INTO tickets VALUES (500, 'reopened', 't');
         CREATE INDEX tickets_lower_idx ON tickets (lower(state));
         CREATE INDEX tickets_mixed_idx ON tickets (id) WHERE state <> 'open' AND title IS NOT NULL;",
    )
    .unwrap();
    let err = conn
        .batch_execute(up)
        .expect_err("the migration must stop")
        .to_string();
    for problem in [
        "logs.level stores numbers that are no value of enum level: 7 (2 rows), 70000 (1 row)",
        "tickets.state stores strings that are no name or alias of enum state: 'reopened' (1 row)",
        "index tickets_lower_idx: cannot translate `lower(state)`: state is an argument of lower(); drop it before migrating and create it again afterwards",
    ] {
        assert!(err.contains(problem), "{problem}\nnot in:\n{err}");
    }
    assert_eq!(err.matches("\n  - ").count(), 3, "{err}");

    // Fixed: the integer column changes type only; 'done' matches the alias `Done` ignoring case.
    conn.batch_execute(
        "DELETE FROM logs WHERE id >= 5000; DELETE FROM tickets WHERE id = 500;
         DROP INDEX tickets_lower_idx, tickets_mixed_idx;
         CREATE INDEX tickets_closed_idx ON tickets (id) WHERE state IN ('CLOSED', 'closed', 'Done');
         CREATE TABLE original_tickets AS SELECT * FROM tickets;",
    )
    .unwrap();
    conn.batch_execute(up).unwrap();
    assert_eq!(
        count(conn, "SELECT count(*) FROM logs WHERE level = 1"),
        334
    );
    assert_eq!(
        lines(conn, "SELECT format_type(atttypid, atttypmod) || ' ' || coalesce(pg_get_expr(adbin, adrelid), '-') AS line FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'logs'::regclass AND attname = 'level'"),
        ["smallint 1"]
    );
    assert_eq!(count(conn, "SELECT count(*) FROM tickets t JOIN original_tickets o USING (id) WHERE t.state <> CASE lower(o.state) WHEN 'open' THEN 0 ELSE 1 END"), 0);
    // `'CLOSED'`, `'closed'` and `'Done'` all name value 1 (`'Done'` ignoring case).
    assert_eq!(
        predicate(conn, "tickets_closed_idx"),
        "(state = ANY (ARRAY[1, 1, 1]))"
    );

    conn.batch_execute(down).unwrap();
    assert_eq!(
        lines(conn, "SELECT format_type(atttypid, atttypmod) || ' ' || coalesce(pg_get_expr(adbin, adrelid), '-') AS line FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'logs'::regclass AND attname = 'level'"),
        ["integer 1"]
    );
    assert_eq!(count(conn, "SELECT count(*) FROM tickets t JOIN original_tickets o USING (id) WHERE t.state IS DISTINCT FROM o.state"), 0);
    assert!(predicate(conn, "tickets_closed_idx").contains("'CLOSED'::text"));
}

#[test]
fn a_column_without_records_comes_back_as_names() {
    let Some(mut conn) = db::postgres("migrate_no_records") else {
        return;
    };
    let conn = &mut *conn;
    let (_, down) = migration_of(HAND_WRITTEN);
    // Converted by hand, not by the up migration: no records to restore from.
    conn.batch_execute(
        "CREATE TABLE logs (id int PRIMARY KEY, level smallint DEFAULT 1);
         INSERT INTO logs VALUES (1, 0), (2, 2);
         CREATE TABLE tickets (id int PRIMARY KEY, state smallint);
         INSERT INTO tickets VALUES (1, 1), (2, 9);",
    )
    .unwrap();
    let err = conn
        .batch_execute(&down)
        .expect_err("9 has no name")
        .to_string();
    assert!(err.contains("tickets.state stores numbers that have no spelling in enum state that text accepts: 9 (1 row)"), "{err}");
    conn.batch_execute("DELETE FROM tickets WHERE id = 2")
        .unwrap();
    conn.batch_execute(&down).unwrap();
    assert_eq!(
        lines(conn, "SELECT level AS line FROM logs ORDER BY id"),
        ["debug", "warn"]
    );
    assert_eq!(lines(conn, "SELECT state AS line FROM tickets"), ["closed"]);
    assert_eq!(
        db::text(conn, "SELECT pg_get_expr(adbin, adrelid) AS text FROM pg_attrdef WHERE adrelid = 'logs'::regclass").unwrap(),
        "'info'::text"
    );
}

#[test]
fn other_dialects_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), HAND_WRITTEN).unwrap();
    for (args, message) in [
        (&["migrate", "--dialect", "sqlite"][..], "error: `gb-enums migrate` writes PostgreSQL migrations only; `--dialect sqlite` is not supported\n"),
        (&["migrate", "--dialect", "postgres", "tickts"][..], "error: schema.toml: table `tickts` is not under [tables]; did you mean `tickets`?\n"),
    ] {
        let out = gb_enums(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), message);
    }
    let out = gb_enums(dir.path(), &["migrate", "--dialect", "oracle"]);
    assert_eq!(out.status.code(), Some(2));
    let out = gb_enums(dir.path(), &["migrate", "--dialect", "postgres", "tickets"]);
    let up = String::from_utf8(out.stdout).unwrap();
    assert!(
        up.contains("(1, 'tickets', 'state', 'state', false, NULL)") && !up.contains("'logs'"),
        "{up}"
    );
}
