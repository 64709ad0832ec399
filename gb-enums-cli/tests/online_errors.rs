//! `gb-enums migrate --online` refusing what it cannot convert, before changing anything:
//! unmapped strings (listed with their counts), a table without a key, an index predicate the
//! translator cannot translate, a view on the column, bad flags.

mod online_support;

use online_support::*;

/// The command failed with a message containing every one of `expected`.
fn fails_with(out: &std::process::Output, expected: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "succeeded: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    for e in expected {
        assert!(stderr.contains(e), "`{e}` not in:\n{stderr}");
    }
}

/// Nothing of the conversion is in the schema.
fn untouched(c: &mut postgres::Client, table: &str) {
    assert_eq!(
        value(c, &format!("SELECT count(*) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attname LIKE 'gb_enums_%'")),
        "0"
    );
    assert_eq!(
        value(c, "SELECT to_regclass('gb_enums_online') IS NULL"),
        "t"
    );
    assert_eq!(
        value(
            c,
            &format!("SELECT count(*) FROM pg_trigger WHERE tgrelid = '{table}'::regclass")
        ),
        "0"
    );
}

#[test]
fn unmapped_strings_stop_it_before_anything_changes() {
    let Some((mut c, schema)) = schema("unmapped") else {
        return;
    };
    create_table(&mut c, "unmapped", 100);
    c.batch_execute(
        "ALTER TABLE unmapped DROP CONSTRAINT unmapped_status_check;
         UPDATE unmapped SET status = 'archived' WHERE id <= 3; UPDATE unmapped SET status = 'x''y' WHERE id = 4;",
    )
    .unwrap();
    let reg = registry(&["unmapped"]);
    let out = online(reg.path(), &[url_in_schema(&schema)], &[]);
    fails_with(
        &out,
        &[
            "this run changed nothing, because:",
            "\"status\" stores strings that are no name or alias of enum task_status: 'archived' (3 rows), 'x''y' (1 row)",
        ],
    );
    untouched(&mut c, "unmapped");
}

#[test]
fn a_table_without_a_key_is_a_clear_error() {
    let Some((mut c, schema)) = schema("keyless") else {
        return;
    };
    c.batch_execute("CREATE TABLE keyless (status text, priority text); INSERT INTO keyless VALUES ('pending', 'low')")
        .unwrap();
    let reg = registry(&["keyless"]);
    let out = online(reg.path(), &[url_in_schema(&schema)], &[]);
    fails_with(
        &out,
        &["has no primary key and no unique index of NOT NULL columns"],
    );
    untouched(&mut c, "keyless");
    // With a key it converts; stopped before the swap, going back undoes what it added.
    c.batch_execute("ALTER TABLE keyless ADD COLUMN id serial PRIMARY KEY")
        .unwrap();
    assert_ok(&online(
        reg.path(),
        &[url_in_schema(&schema)],
        &["--no-swap"],
    ));
    assert_eq!(
        value(
            &mut c,
            "SELECT gb_enums_status || '/' || gb_enums_priority FROM keyless"
        ),
        "0/0"
    );
    let out = online(reg.path(), &[url_in_schema(&schema)], &["--down"]);
    assert!(assert_ok(&out).contains("unfinished `up` conversion undone"));
    untouched(&mut c, "keyless");
}

#[test]
fn an_untranslatable_predicate_or_a_view_stops_it_naming_them() {
    let Some((mut c, schema)) = schema("untranslatable") else {
        return;
    };
    create_table(&mut c, "untranslatable", 10);
    c.batch_execute(
        "CREATE INDEX untranslatable_like ON untranslatable (id) WHERE status LIKE 'p%';
         CREATE VIEW untranslatable_view AS SELECT id, status FROM untranslatable;",
    )
    .unwrap();
    let reg = registry(&["untranslatable"]);
    let out = online(reg.path(), &[url_in_schema(&schema)], &[]);
    fails_with(&out, &["status is used by the view untranslatable_view"]);
    c.batch_execute("DROP VIEW untranslatable_view").unwrap();
    let out = online(reg.path(), &[url_in_schema(&schema)], &[]);
    fails_with(&out, &["index untranslatable_like: gb-enums: cannot translate `((status)::text ~~ 'p%'::text)`: status is matched with LIKE"]);
    untouched(&mut c, "untranslatable");
}

#[test]
fn bad_flags_are_usage_errors() {
    let reg = registry(&["t"]);
    let out = online(reg.path(), &[base_url()], &["--lock-timeout", "soon"]);
    // The message is the duration parser's; it names the value.
    fails_with(&out, &["soon"]);
    let out = online(reg.path(), &[base_url()], &["--max-wal-rate", "0"]);
    fails_with(&out, &["--max-wal-rate", "0"]);
    let out = online(reg.path(), &[base_url()], &["nope"]);
    fails_with(&out, &["table `nope` is not under [tables]"]);
    let out = online(reg.path(), &["mysql://root@127.0.0.1/x".to_owned()], &[]);
    fails_with(&out, &["is a mysql url, not a postgres one"]);
}
