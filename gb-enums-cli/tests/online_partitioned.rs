//! `gb-enums migrate --online` on a table partitioned by month: the companion of each index is
//! created `ON ONLY` the parent, built concurrently on each partition and attached; after up,
//! down and up again every index of the parent and of every partition is valid, its predicate
//! compares the right kind of constant, and every row keeps its value.

mod online_support;

use online_support::*;

fn invalid_indexes(c: &mut postgres::Client) -> String {
    value(
        c,
        "SELECT count(*) FROM pg_index x JOIN pg_partition_tree('events') t ON t.relid = x.indrelid WHERE NOT (x.indisvalid AND x.indisready)",
    )
}

fn predicates(c: &mut postgres::Client) -> Vec<String> {
    rows(
        c,
        "SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x JOIN pg_partition_tree('events') t ON t.relid = x.indrelid
          JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indpred IS NOT NULL AND i.relname NOT LIKE 'gb_enums_%' ORDER BY 1",
    )
    .into_iter()
    .map(|r| r[0].clone().unwrap_or_default())
    .collect()
}

#[test]
fn a_table_partitioned_by_month_converts_online_with_every_index_valid() {
    let Some((mut c, schema)) = schema("partitioned") else {
        return;
    };
    c.batch_execute(
        "CREATE TABLE events (
           id bigserial, created_at date NOT NULL,
           status varchar(20) NOT NULL DEFAULT 'pending'
             CONSTRAINT events_status_check CHECK (status IN ('pending', 'running', 'completed', 'DONE', 'failed')),
           priority text, payload text,
           PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
         CREATE TABLE events_2026_01 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2026-02-01');
         CREATE TABLE events_2026_02 PARTITION OF events FOR VALUES FROM ('2026-02-01') TO ('2026-03-01');
         CREATE TABLE events_2026_03 PARTITION OF events FOR VALUES FROM ('2026-03-01') TO ('2026-04-01');
         CREATE INDEX events_open ON events (created_at) WHERE status NOT IN ('completed', 'DONE', 'failed');
         CREATE INDEX events_by_priority ON events (priority, status);
         INSERT INTO events (created_at, status, priority, payload)
           SELECT date '2026-01-01' + (i % 90), (ARRAY['pending', 'running', 'completed', 'DONE', 'failed'])[1 + i % 5],
                  (ARRAY['low', 'normal', 'high', NULL])[1 + i % 4], 'row ' || i
             FROM generate_series(1, 30000) AS i;
         ANALYZE events;",
    )
    .unwrap();
    let before = rows(
        &mut c,
        "SELECT id, status, priority FROM events ORDER BY id",
    );
    let reg = registry(&["events"]);
    let url = url_in_schema(&schema);

    let out = assert_ok(&online(reg.path(), std::slice::from_ref(&url), &["events"]));
    assert!(out.contains("swapped to SMALLINT"), "{out}");
    assert_eq!(invalid_indexes(&mut c), "0");
    // The parent's and each partition's predicate, in numbers.
    let p = predicates(&mut c);
    assert_eq!(p.len(), 4, "{p:?}");
    assert!(
        p.iter().all(|p| p == "(status <> ALL (ARRAY[2, 2, 3]))"),
        "{p:?}"
    );
    assert_eq!(
        value(&mut c, "SELECT string_agg(format_type(a.atttypid, NULL), ',' ORDER BY c.relname) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_partition_tree('events') t ON t.relid = c.oid WHERE a.attname = 'status'"),
        "smallint,smallint,smallint,smallint"
    );
    // Partition indexes kept their names; the companions hang under the companions.
    assert_eq!(
        value(&mut c, "SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class ch ON ch.oid = i.inhrelid WHERE p.relname = 'events_open' AND ch.relname LIKE 'events_2026_0%_created_at_idx'"),
        "3"
    );
    let mapped = rows(
        &mut c,
        "SELECT id, CASE status WHEN 0 THEN 'pending' WHEN 1 THEN 'running' WHEN 2 THEN gb_enums_status WHEN 3 THEN 'failed' END,
                CASE priority WHEN 0 THEN 'low' WHEN 1 THEN 'normal' WHEN 2 THEN 'high' END FROM events ORDER BY id",
    );
    assert_eq!(mapped, before);
    // Writes after the swap go through the reverse trigger, on any partition.
    c.batch_execute(
        "INSERT INTO events (created_at, status, priority) VALUES ('2026-02-14', 3, 2)",
    )
    .unwrap();
    assert_eq!(
        value(&mut c, "SELECT gb_enums_status || '/' || gb_enums_priority FROM events_2026_02 WHERE payload IS NULL"),
        "failed/high"
    );

    let out = assert_ok(&online(
        reg.path(),
        std::slice::from_ref(&url),
        &["--down", "events"],
    ));
    assert!(out.contains("swapped to text"), "{out}");
    assert_eq!(invalid_indexes(&mut c), "0");
    let p = predicates(&mut c);
    assert!(
        p.iter()
            .all(|p| p.contains("'completed'::character varying")),
        "{p:?}"
    );

    let out = assert_ok(&online(reg.path(), std::slice::from_ref(&url), &["events"]));
    assert!(out.contains("swapped to SMALLINT"), "{out}");
    let out = assert_ok(&online(
        reg.path(),
        std::slice::from_ref(&url),
        &["--finalize", "events"],
    ));
    assert!(out.contains("finalized"), "{out}");
    assert_eq!(invalid_indexes(&mut c), "0");
    assert_eq!(
        value(&mut c, "SELECT count(*) FROM pg_attribute a JOIN pg_partition_tree('events') t ON t.relid = a.attrelid WHERE a.attname LIKE 'gb_enums_%' AND NOT a.attisdropped"),
        "0"
    );
    assert_eq!(
        value(&mut c, "SELECT count(*) FROM pg_index x JOIN pg_partition_tree('events') t ON t.relid = x.indrelid"),
        "12"
    );
}
