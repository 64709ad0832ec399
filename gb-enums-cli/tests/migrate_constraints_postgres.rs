//! `gb-enums migrate` on schemas like real ones: CHECK constraints and partial indexes that
//! mix the enum column with other columns, a partitioned table with monthly partitions and a
//! default one, a large native enum type with CamelCase labels, a table locked by another
//! session, and a down migration blocked by an index the up migration did not create. Each
//! test checks the catalog and the data after up, after down, and after up again.

mod cli_support;

use std::process::Command;
use std::time::{Duration, Instant};

use cli_support::db;
use diesel::connection::SimpleConnection;
use diesel::sql_types::Text;
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl};

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    line: String,
}

fn lines(conn: &mut PgConnection, query: &str) -> Vec<String> {
    let rows: Vec<Line> = diesel::sql_query(query)
        .load(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    rows.into_iter().map(|r| r.line).collect()
}

fn line(conn: &mut PgConnection, query: &str) -> String {
    let mut all = lines(conn, query);
    assert_eq!(all.len(), 1, "{query}: {all:?}");
    all.remove(0)
}

fn count(conn: &mut PgConnection, query: &str) -> i64 {
    line(conn, &format!("SELECT ({query})::text AS line"))
        .parse()
        .unwrap()
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

/// Runs `gb-enums` on `registry` in a fresh directory.
fn gb_enums(registry: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), registry).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .env_remove("GB_ENUMS_REGISTRY")
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The up and down migrations of `registry`, with extra `migrate` arguments.
fn migration(registry: &str, extra: &[&str]) -> (String, String) {
    let mut args = vec!["migrate", "--dialect", "postgres"];
    args.extend_from_slice(extra);
    let up = gb_enums(registry, &args);
    args.push("--down");
    (up, gb_enums(registry, &args))
}

/// Whether a statement fails with a CHECK violation naming `constraint`.
fn rejected(conn: &mut PgConnection, statement: &str, constraint: &str) -> bool {
    let result = conn.batch_execute(&format!("BEGIN; {statement}"));
    conn.batch_execute("ROLLBACK").unwrap();
    match result {
        Ok(()) => false,
        Err(e) => {
            let e = e.to_string();
            assert!(e.contains(constraint), "{statement}: {e}");
            true
        }
    }
}

/// Index name, validity, readiness, predicate, and the index it is attached to, for every
/// index on the tables whose names start with `prefix`.
fn indexes(conn: &mut PgConnection, prefix: &str) -> Vec<String> {
    lines(
        conn,
        &format!(
            "SELECT format('%s on %s valid=%s ready=%s parent=%s where %s', i.relname, t.relname, x.indisvalid, x.indisready,
                           coalesce((SELECT inhparent::regclass::text FROM pg_inherits WHERE inhrelid = x.indexrelid), '-'),
                           coalesce(pg_get_expr(x.indpred, x.indrelid), '-')) AS line
               FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
              WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE '{prefix}%'
              ORDER BY t.relname, i.relname"
        ),
    )
}

const SANCTIONS_REGISTRY: &str = r#"
[enums.sanction_kind]
variants = [{ value = 0, name = "warn" }, { value = 1, name = "ban" }, { value = 2, name = "mute" }]
[tables.sanctions]
kind = { enum = "sanction_kind", default = "warn" }
"#;

/// A forum's moderation table: a ban needs a target (a CHECK mixing the enum with another
/// column), a CHECK restating the list, and a partial index on active bans.
const SANCTIONS: &str = "
CREATE TABLE sanctions (
  id int PRIMARY KEY,
  kind varchar(10) NOT NULL DEFAULT 'warn',
  target_id int,
  expires_at timestamptz,
  CONSTRAINT ban_needs_target CHECK ((kind = 'ban' AND target_id IS NOT NULL) OR kind <> 'ban'),
  CONSTRAINT sanctions_kind_check CHECK (kind IN ('warn', 'ban', 'mute'))
);
CREATE INDEX sanctions_active_bans ON sanctions (target_id) WHERE kind = 'ban' AND expires_at IS NULL;
INSERT INTO sanctions
SELECT g, (ARRAY['warn', 'ban', 'mute'])[1 + g % 3], CASE WHEN g % 3 = 1 THEN g END,
       CASE WHEN g % 300 <> 1 THEN timestamptz '2024-01-01' END
  FROM generate_series(1, 30000) AS g;
COMMENT ON COLUMN sanctions.kind IS 'what the moderator did';
CREATE TABLE original_sanctions AS SELECT * FROM sanctions;
ANALYZE sanctions;
";

const BAN_CHECK_UP: &str = "CHECK ((((kind = 1) AND (target_id IS NOT NULL)) OR (kind <> 1)))";
const BAN_CHECK_TEXT: &str = "CHECK (((((kind)::text = 'ban'::text) AND (target_id IS NOT NULL)) OR ((kind)::text <> 'ban'::text)))";

fn checks(conn: &mut PgConnection) -> Vec<String> {
    lines(
        conn,
        "SELECT conname || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
          WHERE conrelid = 'sanctions'::regclass AND contype = 'c' ORDER BY conname",
    )
}

fn assert_sanctions_up(conn: &mut PgConnection) {
    assert_eq!(
        line(conn, "SELECT format_type(atttypid, atttypmod) || ' ' || pg_get_expr(adbin, adrelid) AS line FROM pg_attribute JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'sanctions'::regclass AND attname = 'kind'"),
        "smallint 0"
    );
    // The list CHECK is gone (CHECK-free); the rule mixing columns is kept, translated.
    assert_eq!(checks(conn), [format!("ban_needs_target {BAN_CHECK_UP}")]);
    assert!(rejected(
        conn,
        "INSERT INTO sanctions (id, kind) VALUES (-1, 1)",
        "ban_needs_target"
    ));
    assert!(!rejected(
        conn,
        "INSERT INTO sanctions (id, kind) VALUES (-1, 2)",
        "ban_needs_target"
    ));
    assert_eq!(
        count(conn, "SELECT count(*) FROM sanctions s JOIN original_sanctions o USING (id) WHERE s.kind <> CASE o.kind WHEN 'warn' THEN 0 WHEN 'ban' THEN 1 WHEN 'mute' THEN 2 END"),
        0
    );
    assert_eq!(
        indexes(conn, "sanctions"),
        [
            "sanctions_active_bans on sanctions valid=t ready=t parent=- where ((kind = 1) AND (expires_at IS NULL))",
            "sanctions_pkey on sanctions valid=t ready=t parent=- where -",
        ]
    );
    let chosen = plan(
        conn,
        "SELECT target_id FROM sanctions WHERE kind = 1 AND expires_at IS NULL AND target_id > 100",
    );
    assert!(chosen.contains("sanctions_active_bans"), "{chosen}");
}

fn assert_sanctions_restored(conn: &mut PgConnection) {
    assert_eq!(
        line(conn, "SELECT format_type(atttypid, atttypmod) || ' ' || pg_get_expr(adbin, adrelid) AS line FROM pg_attribute JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'sanctions'::regclass AND attname = 'kind'"),
        "character varying(10) 'warn'::character varying"
    );
    let found = checks(conn);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0], format!("ban_needs_target {BAN_CHECK_TEXT}"));
    // Its own text, or that text as PostgreSQL reads it again (the casts move into the array).
    assert!(
        [
            "sanctions_kind_check CHECK (((kind)::text = ANY ((ARRAY['warn'::character varying, 'ban'::character varying, 'mute'::character varying])::text[])))",
            "sanctions_kind_check CHECK (((kind)::text = ANY (ARRAY[('warn'::character varying)::text, ('ban'::character varying)::text, ('mute'::character varying)::text])))",
        ]
        .contains(&found[1].as_str()),
        "{}",
        found[1]
    );
    assert!(rejected(
        conn,
        "INSERT INTO sanctions (id, kind) VALUES (-1, 'ban')",
        "ban_needs_target"
    ));
    assert!(rejected(
        conn,
        "INSERT INTO sanctions (id, kind) VALUES (-1, 'kick')",
        "sanctions_kind_check"
    ));
    assert_eq!(
        count(conn, "SELECT count(*) FROM sanctions s FULL JOIN original_sanctions o USING (id) WHERE s IS NULL OR o IS NULL OR (s.*)::text <> (o.*)::text"),
        0
    );
    assert_eq!(
        indexes(conn, "sanctions"),
        [
            "sanctions_active_bans on sanctions valid=t ready=t parent=- where (((kind)::text = 'ban'::text) AND (expires_at IS NULL))",
            "sanctions_pkey on sanctions valid=t ready=t parent=- where -",
        ]
    );
    let chosen = plan(conn, "SELECT target_id FROM sanctions WHERE kind = 'ban' AND expires_at IS NULL AND target_id > 100");
    assert!(chosen.contains("sanctions_active_bans"), "{chosen}");
    // The records are gone with nothing left in them; the comment is what it was.
    assert_eq!(count(conn, "SELECT count(*) FROM pg_class WHERE relname LIKE 'gb_enums_legacy%' AND relnamespace = current_schema()::regnamespace"), 0);
    assert_eq!(
        line(
            conn,
            "SELECT col_description('sanctions'::regclass, 2) AS line"
        ),
        "what the moderator did"
    );
}

#[test]
fn checks_and_partial_indexes_mixing_columns_keep_their_meaning() {
    let Some(mut conn) = db::postgres("migrate_mixed") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(SANCTIONS).unwrap();
    let (up, down) = migration(SANCTIONS_REGISTRY, &[]);
    conn.batch_execute(&up).unwrap();
    assert_sanctions_up(conn);
    // `gb-enums sql` documents the SMALLINT column in its comment ...
    conn.batch_execute(&gb_enums(
        SANCTIONS_REGISTRY,
        &["sql", "--dialect", "postgres"],
    ))
    .unwrap();
    assert!(line(
        conn,
        "SELECT col_description('sanctions'::regclass, 2) AS line"
    )
    .starts_with("enum sanction_kind"));
    // ... which down puts back as it was.
    conn.batch_execute(&down).unwrap();
    assert_sanctions_restored(conn);
    conn.batch_execute(&up).unwrap();
    assert_sanctions_up(conn);
    // Running either again changes nothing.
    conn.batch_execute(&up).unwrap();
    assert_sanctions_up(conn);
    conn.batch_execute(&down).unwrap();
    conn.batch_execute(&down).unwrap();
    assert_sanctions_restored(conn);
}

#[test]
fn a_down_blocked_by_a_numeric_index_names_it_and_changes_nothing() {
    let Some(mut conn) = db::postgres("migrate_user_index") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(SANCTIONS).unwrap();
    let (up, down) = migration(SANCTIONS_REGISTRY, &[]);
    conn.batch_execute(&up).unwrap();
    // Added by the application after the conversion: they compare with numbers.
    conn.batch_execute(
        "CREATE INDEX sanctions_mutes ON sanctions (id) WHERE kind = 2;
         ALTER TABLE sanctions ADD CONSTRAINT no_warn_expiry CHECK (kind <> 0 OR expires_at IS NOT NULL) NOT VALID;",
    )
    .unwrap();
    let err = conn
        .batch_execute(&down)
        .expect_err("down must stop")
        .to_string();
    assert!(
        err.starts_with("gb-enums: nothing was changed, because:"),
        "{err}"
    );
    assert!(err.contains("sanctions.kind: index sanctions_mutes was not created by the up migration (CREATE INDEX sanctions_mutes ON gbcli_migrate_user_index.sanctions USING btree (id) WHERE (kind = 2)); drop it before going down, and create its text form afterwards"), "{err}");
    assert!(err.contains("sanctions.kind: CHECK constraint no_warn_expiry of sanctions was not created by the up migration"), "{err}");
    assert_eq!(err.matches("\n  - ").count(), 2, "{err}");
    // Nothing changed: the column, its records, its constraint and its index are as up left them.
    conn.batch_execute(
        "DROP INDEX sanctions_mutes; ALTER TABLE sanctions DROP CONSTRAINT no_warn_expiry",
    )
    .unwrap();
    assert_sanctions_up(conn);
    conn.batch_execute(&down).unwrap();
    assert_sanctions_restored(conn);
    conn.batch_execute(&up).unwrap();
    assert_sanctions_up(conn);
}

const HISTORY_REGISTRY: &str = r#"
[enums.message_role]
variants = [
  { value = 0, name = "user" }, { value = 1, name = "assistant" },
  { value = 2, name = "system" }, { value = 3, name = "tool" },
]
[tables.message_history]
role = { enum = "message_role" }
"#;

/// The reference document's message history: monthly partitions and a default one, a partial
/// index on the parent, and a January partition with a CHECK and an index of its own.
const HISTORY: &str = "
CREATE TABLE message_history (
  id bigint NOT NULL, created_at date NOT NULL, role text NOT NULL, body text,
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);
CREATE TABLE message_history_2024_01 PARTITION OF message_history FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');
CREATE TABLE message_history_2024_02 PARTITION OF message_history FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');
CREATE TABLE message_history_2024_03 PARTITION OF message_history FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');
CREATE TABLE message_history_default PARTITION OF message_history DEFAULT;
CREATE INDEX message_history_user_idx ON message_history (created_at) WHERE role = 'user';
CREATE INDEX message_history_role_idx ON message_history (role);
ALTER TABLE message_history_2024_01 ADD CONSTRAINT january_without_tools CHECK (role <> 'tool');
CREATE INDEX january_assistant_idx ON message_history_2024_01 (id) WHERE role = 'assistant';
INSERT INTO message_history
SELECT g, date '2024-01-01' + (g % 120), CASE WHEN g % 120 < 31 THEN (ARRAY['user', 'assistant', 'system'])[1 + g % 3]
                                              ELSE (ARRAY['user', 'assistant', 'system', 'tool'])[1 + g % 4] END, 'hi'
  FROM generate_series(1, 20000) AS g;
CREATE TABLE original_history AS SELECT * FROM message_history;
";

fn assert_history(conn: &mut PgConnection, up: bool) {
    let (user, assistant) = if up {
        ("(role = 0)", "(role = 1)")
    } else {
        ("(role = 'user'::text)", "(role = 'assistant'::text)")
    };
    let parent = |p: &str| format!("parent={p}");
    let mut expected = vec![format!(
        "january_assistant_idx on message_history_2024_01 valid=t ready=t parent=- where {assistant}"
    )];
    for partition in ["2024_01", "2024_02", "2024_03", "default"] {
        let t = format!("message_history_{partition}");
        expected.push(format!(
            "{t}_created_at_idx on {t} valid=t ready=t {} where {user}",
            parent("message_history_user_idx")
        ));
        expected.push(format!(
            "{t}_pkey on {t} valid=t ready=t {} where -",
            parent("message_history_pkey")
        ));
        expected.push(format!(
            "{t}_role_idx on {t} valid=t ready=t {} where -",
            parent("message_history_role_idx")
        ));
    }
    expected.push(
        "message_history_pkey on message_history valid=t ready=t parent=- where -".to_owned(),
    );
    expected.push(
        "message_history_role_idx on message_history valid=t ready=t parent=- where -".to_owned(),
    );
    expected.push(format!(
        "message_history_user_idx on message_history valid=t ready=t parent=- where {user}"
    ));
    expected.sort();
    let mut actual = indexes(conn, "message_history");
    actual.sort();
    assert_eq!(actual, expected);
    let (tool, text_type) = if up {
        ("3", "smallint")
    } else {
        ("'tool'", "text")
    };
    assert_eq!(
        lines(conn, "SELECT DISTINCT format_type(atttypid, atttypmod) AS line FROM pg_attribute WHERE attname = 'role' AND attrelid IN (SELECT relid FROM pg_partition_tree('message_history'))"),
        [text_type]
    );
    assert!(rejected(
        conn,
        &format!("INSERT INTO message_history VALUES (-1, '2024-01-05', {tool}, 'x')"),
        "january_without_tools"
    ));
    assert!(!rejected(
        conn,
        &format!("INSERT INTO message_history VALUES (-1, '2024-02-05', {tool}, 'x')"),
        "january_without_tools"
    ));
    let back = if up {
        "CASE o.role WHEN 'user' THEN '0' WHEN 'assistant' THEN '1' WHEN 'system' THEN '2' WHEN 'tool' THEN '3' END"
    } else {
        "o.role"
    };
    assert_eq!(
        count(conn, &format!("SELECT count(*) FROM message_history h FULL JOIN original_history o USING (id, created_at) WHERE h.role::text IS DISTINCT FROM {back}")),
        0
    );
    let chosen = plan(
        conn,
        &format!(
            "SELECT * FROM message_history_2024_01 WHERE role = {} AND id = 5",
            if up { "1" } else { "'assistant'" }
        ),
    );
    assert!(chosen.contains("january_assistant_idx"), "{chosen}");
}

#[test]
fn partitioned_tables_end_with_every_index_valid_and_attached() {
    let Some(mut conn) = db::postgres("migrate_partitions") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(HISTORY).unwrap();
    conn.batch_execute("ANALYZE message_history").unwrap();
    assert_history(conn, false);
    let (up, down) = migration(HISTORY_REGISTRY, &[]);
    conn.batch_execute(&up).unwrap();
    conn.batch_execute("ANALYZE message_history").unwrap();
    assert_history(conn, true);
    conn.batch_execute(&down).unwrap();
    conn.batch_execute("ANALYZE message_history").unwrap();
    assert_history(conn, false);
    conn.batch_execute(&up).unwrap();
    conn.batch_execute("ANALYZE message_history").unwrap();
    assert_history(conn, true);
}

const COMMUNITY_REGISTRY: &str = r#"
[enums.community_visibility]
variants = [
  { value = 0, name = "public", aliases = ["Public"] },
  { value = 1, name = "local_only", aliases = ["LocalOnly"] },
  { value = 2, name = "private", aliases = ["Private"] },
]
[enums.community_state]
variants = [{ value = 0, name = "active" }, { value = 1, name = "closed" }]
[tables.community]
visibility = { enum = "community_visibility", default = "public" }
state = { enum = "community_state" }
"#;

/// 300,000 communities: a native enum with CamelCase labels (every row an alias), and a text
/// column where one value is stored in two spellings (`'active'`, and `'ACTIVE'` in 120 rows).
const COMMUNITY: &str = "
CREATE TYPE community_visibility AS ENUM ('Public', 'LocalOnly', 'Private');
CREATE TABLE community (
  id int PRIMARY KEY, name text NOT NULL,
  visibility community_visibility NOT NULL DEFAULT 'Public',
  state text
);
INSERT INTO community
SELECT g, 'community ' || g, (ARRAY['Public', 'LocalOnly', 'Private'])[1 + g % 3]::community_visibility,
       CASE WHEN g % 2500 = 0 THEN 'ACTIVE' WHEN g % 7 = 0 THEN 'closed' WHEN g % 11 = 0 THEN NULL ELSE 'active' END
  FROM generate_series(1, 300000) AS g;
CREATE TABLE original_community AS SELECT id, visibility::text AS visibility, state FROM community;
";

fn legacy_bytes(conn: &mut PgConnection) -> i64 {
    count(
        conn,
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c
          WHERE c.relname IN ('gb_enums_legacy', 'gb_enums_legacy_text') AND c.relkind = 'r'
            AND c.relnamespace = current_schema()::regnamespace",
    )
}

#[test]
fn a_camel_case_enum_is_recorded_per_column_and_restored_exactly() {
    let Some(mut conn) = db::postgres("migrate_camel") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(COMMUNITY).unwrap();
    let table_bytes = count(conn, "SELECT pg_total_relation_size('community')");
    let (up, down) = migration(COMMUNITY_REGISTRY, &[]);
    for round in 0..2 {
        conn.batch_execute(&up).unwrap();
        // One record per value per column; rows only for the 120 stored as `'ACTIVE'`.
        let legacy = legacy_bytes(conn);
        assert!(
            legacy * 100 < table_bytes,
            "round {round}: the records take {legacy} bytes, the table {table_bytes}"
        );
        assert_eq!(
            count(conn, "SELECT count(*) FROM gb_enums_legacy_text"),
            120
        );
        assert_eq!(
            lines(conn, "SELECT name || ' ' || definition AS line FROM gb_enums_legacy WHERE kind = 'spelling' ORDER BY name"),
            [
                "[\"state\", 0] active",
                "[\"state\", 1] closed",
                "[\"visibility\", 0] Public",
                "[\"visibility\", 1] LocalOnly",
                "[\"visibility\", 2] Private",
            ]
        );
        assert_eq!(
            count(conn, "SELECT count(*) FROM community c JOIN original_community o USING (id)
                          WHERE c.visibility <> CASE o.visibility WHEN 'Public' THEN 0 WHEN 'LocalOnly' THEN 1 ELSE 2 END
                             OR c.state IS DISTINCT FROM CASE lower(o.state) WHEN 'active' THEN 0 WHEN 'closed' THEN 1 END"),
            0
        );
        conn.batch_execute(&down).unwrap();
        assert_eq!(
            line(conn, "SELECT format_type(atttypid, atttypmod) || ' ' || pg_get_expr(adbin, adrelid) AS line FROM pg_attribute JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum WHERE attrelid = 'community'::regclass AND attname = 'visibility'"),
            "community_visibility 'Public'::community_visibility"
        );
        assert_eq!(
            count(conn, "SELECT count(*) FROM community c FULL JOIN original_community o USING (id)
                          WHERE c IS NULL OR o IS NULL OR c.visibility::text <> o.visibility OR c.state IS DISTINCT FROM o.state"),
            0
        );
        assert_eq!(legacy_bytes(conn), 0);
    }
}

#[test]
fn a_migration_behind_a_lock_stops_within_the_timeout_and_changes_nothing() {
    let Some(mut conn) = db::postgres("migrate_lock") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(SANCTIONS).unwrap();
    let (up, _) = migration(SANCTIONS_REGISTRY, &["--lock-timeout", "1s"]);
    assert!(up.contains("SET LOCAL lock_timeout = '1s';"));
    // Another session reads the table in a long transaction.
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut reader = PgConnection::establish(&url).unwrap();
    reader
        .batch_execute(
            "BEGIN; SET search_path TO gbcli_migrate_lock; SELECT count(*) FROM sanctions;",
        )
        .unwrap();
    let started = Instant::now();
    let err = conn
        .batch_execute(&up)
        .expect_err("the lock is taken")
        .to_string();
    let waited = started.elapsed();
    assert!(
        err.contains("gb-enums: nothing was changed: table sanctions is in use, and its lock was not granted within lock_timeout (1s)"),
        "{err}"
    );
    assert!(
        waited >= Duration::from_millis(900) && waited < Duration::from_secs(10),
        "waited {waited:?}"
    );
    reader.batch_execute("ROLLBACK").unwrap();
    // Nothing changed; with the reader gone it goes through.
    assert_sanctions_restored(conn);
    conn.batch_execute(&up).unwrap();
    assert_sanctions_up(conn);
    // The default is 5s, and a bad duration is a usage error.
    assert!(migration(SANCTIONS_REGISTRY, &[])
        .0
        .contains("SET LOCAL lock_timeout = '5s';"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), SANCTIONS_REGISTRY).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .current_dir(dir.path())
        .args(["migrate", "--dialect", "postgres", "--lock-timeout", "soon"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid lock timeout `soon`"));
}

const MODLOG_REGISTRY: &str = r#"
[enums.mod_action]
variants = [
  { value = 0, name = "add_admin", aliases = ["AddAdmin"] },
  { value = 1, name = "ban_user", aliases = ["BanUser"] },
  { value = 2, name = "lock_post", aliases = ["LockPost"] },
]
[enums.follow_state]
variants = [{ value = 0, name = "accepted", aliases = ["Accepted"] }, { value = 1, name = "pending", aliases = ["Pending"] }]
[tables.mod_log]
kind = { enum = "mod_action" }
[tables.follows]
state = { enum = "follow_state" }
"#;

/// What a federated forum's migrations do with native enums (CamelCase labels): one CHECK
/// saying which targets each kind of moderator action needs, and a follow whose state is set
/// exactly when its date is.
const MODLOG: &str = "
CREATE TYPE mod_action AS ENUM ('AddAdmin', 'BanUser', 'LockPost');
CREATE TYPE follow_state AS ENUM ('Accepted', 'Pending');
CREATE TABLE mod_log (
  id int PRIMARY KEY, kind mod_action NOT NULL, target_person int, target_post int, expires_at timestamptz,
  CHECK ((kind = 'AddAdmin' AND num_nonnulls(target_person) = 1 AND num_nonnulls(target_post, expires_at) = 0)
      OR (kind = 'BanUser' AND num_nonnulls(target_person) = 1 AND num_nonnulls(target_post) = 0)
      OR (kind = 'LockPost' AND num_nonnulls(target_post) = 1 AND num_nonnulls(expires_at) = 0))
);
CREATE TABLE follows (
  id int PRIMARY KEY, followed_at timestamptz, state follow_state,
  CONSTRAINT follows_check_state CHECK ((followed_at IS NULL) = (state IS NULL))
);
CREATE INDEX follows_pending ON follows (followed_at) WHERE state = 'Pending';
INSERT INTO mod_log SELECT g, (ARRAY['AddAdmin', 'BanUser', 'LockPost'])[1 + g % 3]::mod_action,
  CASE WHEN g % 3 <> 2 THEN g END, CASE WHEN g % 3 = 2 THEN g END, CASE WHEN g % 3 = 1 THEN now() END
  FROM generate_series(1, 3000) AS g;
INSERT INTO follows SELECT g, CASE WHEN g % 4 <> 0 THEN now() END,
  CASE WHEN g % 4 = 0 THEN NULL WHEN g % 4 = 1 THEN 'Pending' ELSE 'Accepted' END::follow_state
  FROM generate_series(1, 3000) AS g;
CREATE TABLE original_mod_log AS SELECT * FROM mod_log;
CREATE TABLE original_follows AS SELECT * FROM follows;
";

fn assert_modlog(conn: &mut PgConnection, up: bool) {
    let (ban, lock, pending) = if up {
        ("1", "2", "1")
    } else {
        ("'BanUser'", "'LockPost'", "'Pending'")
    };
    assert!(rejected(
        conn,
        &format!("INSERT INTO mod_log (id, kind, target_post) VALUES (-1, {ban}, 5)"),
        "mod_log_check"
    ));
    assert!(!rejected(
        conn,
        &format!("INSERT INTO mod_log (id, kind, target_post) VALUES (-1, {lock}, 5)"),
        "mod_log_check"
    ));
    assert!(rejected(
        conn,
        &format!("INSERT INTO follows VALUES (-1, NULL, {pending})"),
        "follows_check_state"
    ));
    assert!(!rejected(
        conn,
        "INSERT INTO follows VALUES (-1, NULL, NULL)",
        "follows_check_state"
    ));
    let back = |column: &str| {
        if up {
            format!("(o.{column})::text")
        } else {
            format!("o.{column}::text")
        }
    };
    let (kind, state) = if up {
        (
            "CASE o.kind WHEN 'AddAdmin' THEN '0' WHEN 'BanUser' THEN '1' ELSE '2' END".to_owned(),
            "CASE o.state WHEN 'Accepted' THEN '0' WHEN 'Pending' THEN '1' END".to_owned(),
        )
    } else {
        (back("kind"), back("state"))
    };
    assert_eq!(count(conn, &format!("SELECT count(*) FROM mod_log m JOIN original_mod_log o USING (id) WHERE m.kind::text <> {kind}")), 0);
    assert_eq!(count(conn, &format!("SELECT count(*) FROM follows f JOIN original_follows o USING (id) WHERE f.state::text IS DISTINCT FROM {state}")), 0);
    assert!(line(conn, "SELECT pg_get_expr(indpred, indrelid) AS line FROM pg_index WHERE indexrelid = 'follows_pending'::regclass").contains(pending));
}

#[test]
fn native_enum_checks_like_a_forums_keep_their_meaning() {
    let Some(mut conn) = db::postgres("migrate_modlog") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(MODLOG).unwrap();
    assert_modlog(conn, false);
    let (up, down) = migration(MODLOG_REGISTRY, &[]);
    conn.batch_execute(&up).unwrap();
    assert_modlog(conn, true);
    assert!(line(conn, "SELECT pg_get_constraintdef(oid) AS line FROM pg_constraint WHERE conname = 'mod_log_check'").contains("(kind = 0) AND (num_nonnulls(target_person) = 1)"));
    conn.batch_execute(&down).unwrap();
    assert_modlog(conn, false);
    conn.batch_execute(&up).unwrap();
    assert_modlog(conn, true);
}

#[test]
fn views_triggers_and_generated_columns_on_the_column_are_named_first() {
    let Some(mut conn) = db::postgres("migrate_dependents") else {
        return;
    };
    let conn = &mut *conn;
    conn.batch_execute(SANCTIONS).unwrap();
    conn.batch_execute(
        "CREATE VIEW bans AS SELECT id, target_id FROM sanctions WHERE kind = 'ban';
         CREATE FUNCTION noop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER on_ban BEFORE UPDATE ON sanctions FOR EACH ROW WHEN (NEW.kind = 'ban') EXECUTE FUNCTION noop();
         ALTER TABLE sanctions ADD COLUMN is_ban boolean GENERATED ALWAYS AS (kind = 'ban') STORED;",
    )
    .unwrap();
    let (up, down) = migration(SANCTIONS_REGISTRY, &[]);
    let err = conn.batch_execute(&up).expect_err("must stop").to_string();
    for what in ["view bans", "trigger on_ban", "generated column is_ban"] {
        assert!(
            err.contains(&format!("sanctions.kind is used by {what}, under which PostgreSQL cannot change its type; drop it before migrating and create it again afterwards")),
            "{what}: {err}"
        );
    }
    assert_eq!(err.matches("\n  - ").count(), 3, "{err}");
    conn.batch_execute("DROP VIEW bans; DROP TRIGGER on_ban ON sanctions; ALTER TABLE sanctions DROP COLUMN is_ban;")
        .unwrap();
    assert_sanctions_restored(conn);
    conn.batch_execute(&up).unwrap();
    // Down names a view on the SMALLINT column too.
    conn.batch_execute("CREATE VIEW mutes AS SELECT id FROM sanctions WHERE kind = 2")
        .unwrap();
    let err = conn
        .batch_execute(&down)
        .expect_err("must stop")
        .to_string();
    assert!(err.contains("sanctions.kind is used by view mutes, under which PostgreSQL cannot change its type; drop it before going down"), "{err}");
    conn.batch_execute("DROP VIEW mutes").unwrap();
    assert_sanctions_up(conn);
    conn.batch_execute(&down).unwrap();
    assert_sanctions_restored(conn);
}
