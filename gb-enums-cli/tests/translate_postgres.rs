//! The expression translator (`gb_enums_codegen::migrate::TRANSLATE_SQL`) on a real
//! PostgreSQL: CHECK bodies and index predicates as PostgreSQL deparses them, translated up
//! (strings to numbers) and down (numbers to strings). Meaning is checked on data: every
//! expression gives, row for row, the same result on the text table before translation as
//! on the SMALLINT table after it, and again after the way back.

mod cli_support;

use cli_support::db;
use diesel::connection::SimpleConnection;
use diesel::sql_types::{Nullable, Text};
use diesel::{PgConnection, QueryableByName, RunQueryDsl};
use gb_enums_codegen::migrate::TRANSLATE_SQL;

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = Nullable<Text>)]
    t: Option<String>,
}

fn one(
    conn: &mut PgConnection,
    query: &str,
    binds: &[Option<&str>],
) -> Result<Option<String>, String> {
    let mut q = diesel::sql_query(query).into_boxed();
    for b in binds {
        q = q.bind::<Nullable<Text>, _>(b.map(str::to_owned));
    }
    q.get_result::<One>(conn)
        .map(|r| r.t)
        .map_err(|e| e.to_string())
}

/// The three converted columns of the `src` table and the mapping of each, up and down.
const COLUMNS: [(&str, &str, &str, &str); 3] = [
    (
        "kind",
        r#"{"a": 1, "b": 2, "ban": 3, "it's (a)": 4, "o'x) AND (": 5}"#,
        r#"{"1": "a", "2": "b", "3": "ban", "4": "it's (a)", "5": "o'x) AND ("}"#,
        "character varying",
    ),
    (
        "role",
        r#"{"user": 0, "Admin": 1, "bot": 2}"#,
        r#"{"0": "user", "1": "Admin", "2": "bot"}"#,
        "role_enum",
    ),
    (
        "Kind",
        r#"{"a": 10, "ban": 11}"#,
        r#"{"10": "a", "11": "ban"}"#,
        "text",
    ),
];

/// `src` holds every combination of a few values (NULLs included); `dst` is the same rows
/// converted with the mappings; `shape` and `shape_num` are empty copies on which the CHECKs
/// are created, only to have PostgreSQL deparse them.
const SCHEMA: &str = r#"
CREATE TYPE role_enum AS ENUM ('user', 'Admin', 'bot');
CREATE TABLE src (id serial PRIMARY KEY, kind varchar(20), role role_enum, target int, "Kind" text, kind_x text);
INSERT INTO src (kind, role, target, "Kind", kind_x)
SELECT k, r, t, kk, x
  FROM unnest(ARRAY['a', 'b', 'ban', 'it''s (a)', 'o''x) AND (', NULL]) AS k,
       unnest(ARRAY['user', 'Admin', 'bot', NULL]::role_enum[]) AS r,
       unnest(ARRAY[NULL, 0, 1, 2]) AS t,
       unnest(ARRAY['a', 'ban', NULL]) AS kk,
       unnest(ARRAY['a', 'zz', 'kind']) AS x;
CREATE TABLE dst AS
SELECT id, (CASE kind WHEN 'a' THEN 1 WHEN 'b' THEN 2 WHEN 'ban' THEN 3 WHEN 'it''s (a)' THEN 4 WHEN 'o''x) AND (' THEN 5 END)::smallint AS kind,
       (CASE role WHEN 'user' THEN 0 WHEN 'Admin' THEN 1 WHEN 'bot' THEN 2 END)::smallint AS role, target,
       (CASE "Kind" WHEN 'a' THEN 10 WHEN 'ban' THEN 11 END)::smallint AS "Kind", kind_x
  FROM src;
CREATE TABLE shape (LIKE src);
CREATE TABLE shape_num (LIKE dst);
"#;

/// CHECK bodies as users write them; each mentions at least one converted column.
const EXPRESSIONS: &[&str] = &[
    "(kind = 'ban' AND target IS NOT NULL) OR kind <> 'ban'",
    "kind IN ('a', 'b')",
    "kind NOT IN ('a', 'ban')",
    "kind = ANY ('{a,\"it''s (a)\"}')",
    "kind IN ('a', NULL)",
    "kind NOT IN ('b', NULL)",
    "role = 'user' OR target > 0",
    "role IN ('user', 'Admin') AND kind <> 'b'",
    "role::text = 'Admin'",
    "CASE kind WHEN 'a' THEN 1 WHEN 'ban' THEN 2 ELSE 0 END = target",
    "CASE role WHEN 'bot' THEN CASE kind WHEN 'a' THEN true ELSE false END ELSE kind IS NULL END",
    "CASE WHEN kind = 'a' THEN role = 'user' ELSE kind_x <> 'zz' END",
    "kind IS DISTINCT FROM 'a' AND role IS NOT DISTINCT FROM 'bot'",
    "\"Kind\" = 'ban' OR kind = 'ban'",
    "kind_x = 'kind' OR kind = 'it''s (a)'",
    "kind = 'o''x) AND (' OR kind_x = 'a'",
    "'ban' = kind AND 'user' <> role",
    "kind IS NULL OR kind = 'a'",
    "kind IS NOT NULL AND target IS NULL",
    "(kind = 'a') IS TRUE OR NOT (kind = 'b')",
    "COALESCE(kind = 'a', false) OR target = 2",
];

fn deparse(conn: &mut PgConnection, table: &str, body: &str) -> String {
    conn.batch_execute(&format!(
        "ALTER TABLE {table} ADD CONSTRAINT probe CHECK ({body}) NOT VALID"
    ))
    .unwrap_or_else(|e| panic!("{body}: {e}"));
    let def = one(
        conn,
        &format!("SELECT pg_get_constraintdef(oid) AS t FROM pg_constraint WHERE conrelid = '{table}'::regclass AND conname = 'probe'"),
        &[],
    )
    .unwrap()
    .unwrap();
    conn.batch_execute(&format!("ALTER TABLE {table} DROP CONSTRAINT probe"))
        .unwrap();
    let def = def.strip_suffix(" NOT VALID").unwrap_or(&def);
    def.strip_prefix("CHECK ").unwrap().to_owned()
}

fn translate(
    conn: &mut PgConnection,
    expr: &str,
    col: &str,
    mapping: &str,
    literal_type: Option<&str>,
) -> Result<String, String> {
    one(
        conn,
        "SELECT pg_temp.gb_enums_translate($1, $2, $3::jsonb, $4) AS t",
        &[Some(expr), Some(col), Some(mapping), literal_type],
    )
    .map(Option::unwrap)
}

/// Every converted column the expression mentions, translated one after the other.
fn translate_all(conn: &mut PgConnection, expr: &str, up: bool) -> Result<String, String> {
    let mut text = expr.to_owned();
    for (col, up_map, down_map, ty) in COLUMNS {
        text = if up {
            translate(conn, &text, col, up_map, None)?
        } else {
            translate(conn, &text, col, down_map, Some(ty))?
        };
    }
    Ok(text)
}

/// The expression's result on each row of `table`, in id order.
fn results(conn: &mut PgConnection, table: &str, expr: &str) -> String {
    one(
        conn,
        &format!("SELECT array_agg(({expr}) ORDER BY id)::text AS t FROM {table}"),
        &[],
    )
    .unwrap_or_else(|e| panic!("{expr} on {table}: {e}"))
    .unwrap()
}

fn connect(name: &str) -> Option<db::TestDb<PgConnection>> {
    let mut conn = db::postgres(name)?;
    conn.batch_execute(TRANSLATE_SQL).unwrap();
    // Running it again in the same session (PgBouncer, every transaction) is harmless.
    conn.batch_execute(TRANSLATE_SQL).unwrap();
    Some(conn)
}

#[test]
fn translated_checks_keep_their_meaning_up_and_down() {
    let Some(mut conn) = connect("translate_meaning") else {
        return;
    };
    conn.batch_execute(SCHEMA).unwrap();
    for body in EXPRESSIONS {
        let text = deparse(&mut conn, "shape", body);
        let up = translate_all(&mut conn, &text, true).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(
            !up.contains("'::text") || up.contains("kind_x"),
            "{text} -> {up}"
        );
        assert_eq!(
            results(&mut conn, "src", &text),
            results(&mut conn, "dst", &up),
            "up changed the meaning of {text}: {up}"
        );
        // PostgreSQL accepts the translation as a constraint on the SMALLINT table, and its
        // deparsed form translates back to the same meaning on the text table.
        let numeric = deparse(&mut conn, "shape_num", &up);
        let down =
            translate_all(&mut conn, &numeric, false).unwrap_or_else(|e| panic!("{numeric}: {e}"));
        assert_eq!(
            results(&mut conn, "src", &text),
            results(&mut conn, "src", &down),
            "down changed the meaning of {numeric}: {down}"
        );
        deparse(&mut conn, "shape", &down);
    }
}

#[test]
fn translations_are_exact_text() {
    let Some(mut conn) = connect("translate_text") else {
        return;
    };
    conn.batch_execute(SCHEMA).unwrap();
    let cases = [
        (
            "(kind = 'ban' AND target IS NOT NULL) OR kind <> 'ban'",
            "((((kind = 3) AND (target IS NOT NULL)) OR (kind <> 3)))",
        ),
        ("kind IN ('a', 'b')", "((kind = ANY (ARRAY[1, 2])))"),
        (
            "kind NOT IN ('a', NULL)",
            "((kind <> ALL (ARRAY[1, NULL])))",
        ),
        (
            "role = 'user' OR target > 0",
            "(((role = 0) OR (target > 0)))",
        ),
        (
            "\"Kind\" = 'ban' AND kind_x = 'kind' AND kind = 'it''s (a)'",
            "(((\"Kind\" = 11) AND (kind_x = 'kind'::text) AND (kind = 4)))",
        ),
        // A spelling in another case is found through the lower-cased mapping.
        (
            "role = 'Admin' OR kind = 'BAN'",
            "(((role = 1) OR (kind = 3)))",
        ),
    ];
    for (body, expected) in cases {
        let text = deparse(&mut conn, "shape", body);
        assert_eq!(
            translate_all(&mut conn, &text, true).unwrap(),
            expected,
            "{text}"
        );
    }
    // Down writes literals of the restored type.
    assert_eq!(
        translate(&mut conn, "((kind = 3) OR (kind = ANY (ARRAY[1, 2])) OR (kind = '-1'::integer))", "kind", r#"{"1": "a", "2": "b", "3": "it's", "-1": "neg"}"#, Some("character varying")).unwrap(),
        "((kind = 'it''s'::character varying) OR (kind = ANY (ARRAY['a'::character varying, 'b'::character varying])) OR (kind = 'neg'::character varying))"
    );
    // What PostgreSQL makes of a restored list when it reads it again: casts inside the array.
    assert_eq!(
        translate(
            &mut conn,
            "((kind)::text = ANY (ARRAY[('warn'::character varying)::text, ('ban'::character varying)::text]))",
            "kind",
            r#"{"warn": 0, "ban": 1}"#,
            None
        )
        .unwrap(),
        "(kind = ANY (ARRAY[0, 1]))"
    );
    // An enum type spelled like the column is a type name, not the column.
    assert_eq!(
        translate(
            &mut conn,
            "((status = 'a'::status) AND ('b'::status = status))",
            "status",
            r#"{"a": 1, "b": 2}"#,
            None
        )
        .unwrap(),
        "((status = 1) AND (2 = status))"
    );
    // Index predicates and index expressions as the catalog gives them.
    conn.batch_execute(
        "CREATE INDEX probe_pred ON shape (target) WHERE kind = 'a' AND target IS NOT NULL;
         CREATE INDEX probe_expr ON shape ((CASE kind WHEN 'a' THEN 1 ELSE 0 END));",
    )
    .unwrap();
    let pred = one(&mut conn, "SELECT pg_get_expr(indpred, indrelid) AS t FROM pg_index WHERE indexrelid = 'probe_pred'::regclass", &[]).unwrap().unwrap();
    assert_eq!(
        translate(&mut conn, &pred, "kind", COLUMNS[0].1, None).unwrap(),
        "((kind = 1) AND (target IS NOT NULL))"
    );
    let expr = one(&mut conn, "SELECT pg_get_indexdef(indexrelid, 1, false) AS t FROM pg_index WHERE indexrelid = 'probe_expr'::regclass", &[]).unwrap().unwrap();
    assert_eq!(
        translate(&mut conn, &expr, "kind", COLUMNS[0].1, None)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "( CASE kind WHEN 1 THEN 1 ELSE 0 END)"
    );
}

#[test]
fn untranslatable_uses_are_named() {
    let Some(mut conn) = connect("translate_refused") else {
        return;
    };
    conn.batch_execute(SCHEMA).unwrap();
    let cases = [
        ("kind LIKE 'a%'", "cannot translate `((kind)::text ~~ 'a%'::text)`: kind is matched with LIKE"),
        ("lower(kind) = 'a'", "cannot translate `lower((kind)::text)`: kind is an argument of lower()"),
        ("kind < 'b'", "cannot translate `(kind)::text < 'b'::text`: kind is compared with <, and the numbers do not keep the order of the strings"),
        ("kind = kind_x", "cannot translate `((kind)::text = kind_x)`: kind is compared with something other than a constant"),
        ("kind = 'zz' OR kind = 'a'", "cannot translate `(kind)::text = 'zz'::text`: 'zz' is no name or alias of the enum"),
        ("kind || 'x' = 'ax'", "cannot translate `((kind)::text || 'x'::text)`: kind is an operand of ||"),
        ("kind::char(2) = 'a'", "cannot translate `(kind)::character(2) = 'a'::bpchar`: kind is cast to character(2)"),
        ("role > 'user'", "cannot translate `role > 'user'::role_enum`: role is compared with >"),
        ("length(kind) > 2", "cannot translate `length((kind)::text)`: kind is an argument of length()"),
        ("CASE kind WHEN 'a' THEN 1 WHEN 'zz' THEN 2 END = target", "'zz' is no name or alias of the enum"),
    ];
    for (body, expected) in cases {
        let text = deparse(&mut conn, "shape", body);
        let col = if body.starts_with("role") {
            COLUMNS[1]
        } else {
            COLUMNS[0]
        };
        let e = translate(&mut conn, &text, col.0, col.1, None).unwrap_err();
        assert!(e.contains(expected), "{text}: {e}");
    }
    // Down: numbers only, and no cast on the column.
    for (expr, expected) in [
        (
            "(kind < 3)",
            "kind is compared with <, and the strings do not keep the order of the numbers",
        ),
        ("((kind)::text = '3'::text)", "kind is cast to text"),
        ("(kind = 9)", "9 is no value of the enum"),
        ("((kind + 1) = 3)", "kind is an operand of +"),
    ] {
        let e = translate(&mut conn, expr, "kind", COLUMNS[0].2, Some("text")).unwrap_err();
        assert!(e.contains(expected), "{expr}: {e}");
    }
}

#[derive(QueryableByName, Debug, PartialEq)]
struct Constant {
    #[diesel(sql_type = Nullable<Text>)]
    op: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    cast_type: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    constant: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    kind: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    fragment: Option<String>,
}

#[test]
fn constants_compared_with_a_smallint_column_are_listed() {
    let Some(mut conn) = connect("translate_constants") else {
        return;
    };
    conn.batch_execute(
        "CREATE TABLE audited (status smallint, status_x smallint);
         ALTER TABLE audited ADD CONSTRAINT c CHECK (status < 9 OR status IN (1, 2) OR status::text = 'x' OR status = -1 OR status_x = 4 OR abs(status) = 3 OR status IS NULL);",
    )
    .unwrap();
    let rows: Vec<Constant> = diesel::sql_query(
        "SELECT op, cast_type, constant, kind, fragment FROM pg_temp.gb_enums_constants(
           (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'c' AND conrelid = 'audited'::regclass), 'status')",
    )
    .load(&mut *conn)
    .unwrap();
    let s = |v: &str| Some(v.to_owned());
    let row = |op: Option<&str>, cast: Option<&str>, c: Option<&str>, k: Option<&str>, f: &str| {
        Constant {
            op: op.map(str::to_owned),
            cast_type: cast.map(str::to_owned),
            constant: c.map(str::to_owned),
            kind: k.map(str::to_owned),
            fragment: s(f),
        }
    };
    assert_eq!(
        rows,
        [
            row(Some("<"), None, Some("9"), Some("number"), "status < 9"),
            row(
                Some("= ANY"),
                None,
                Some("1"),
                Some("number"),
                "status = ANY (ARRAY[1, 2])"
            ),
            row(
                Some("= ANY"),
                None,
                Some("2"),
                Some("number"),
                "status = ANY (ARRAY[1, 2])"
            ),
            row(
                Some("="),
                Some("text"),
                Some("x"),
                Some("string"),
                "(status)::text = 'x'::text"
            ),
            row(
                Some("="),
                None,
                Some("-1"),
                Some("number"),
                "status = '-1'::integer"
            ),
            row(None, None, None, None, "abs(status)"),
            row(Some("IS NULL"), None, None, None, "status IS NULL"),
        ]
    );
}
