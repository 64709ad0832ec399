//! A column of a PostgreSQL enum type whose labels are the registry's aliases (`'Public'` for
//! the name `public`, as `gb-enums import` writes for such types; found on a real schema):
//! the numbers map back to the labels, in the reverse trigger, the backfill of `--down` and
//! the restored default.

mod online_support;

use std::io::Write as _;

use online_support::*;

#[test]
fn an_enum_type_column_goes_back_to_its_labels() {
    let Some((mut c, schema)) = schema("enum_type") else {
        return;
    };
    c.batch_execute(
        "CREATE TYPE visibility AS ENUM ('Public', 'LocalOnly', 'Private');
         CREATE TABLE community (id serial PRIMARY KEY, visibility visibility NOT NULL DEFAULT 'Public');
         CREATE INDEX community_private ON community (id) WHERE visibility = 'Private';
         INSERT INTO community (visibility) SELECT (enum_range(NULL::visibility))[1 + i % 3] FROM generate_series(1, 3000) AS i;",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::File::create(dir.path().join("schema.toml"))
        .unwrap()
        .write_all(
            br#"[enums.visibility]
variants = [
  { value = 0, name = "public", aliases = ["Public"] },
  { value = 1, name = "local_only", aliases = ["LocalOnly"] },
  { value = 2, name = "private", aliases = ["Private"] },
]
[tables.community]
visibility = { enum = "visibility" }
"#,
        )
        .unwrap();
    let url = vec![url_in_schema(&schema)];
    let before = snapshot(&mut c, "community");
    assert_ok(&online(dir.path(), &url, &[]));
    assert_eq!(
        value(&mut c, "SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x WHERE x.indexrelid = 'community_private'::regclass"),
        "(visibility = 2)"
    );
    c.batch_execute("INSERT INTO community (visibility) VALUES (1)")
        .unwrap();
    assert_eq!(
        value(
            &mut c,
            "SELECT gb_enums_visibility FROM community ORDER BY id DESC LIMIT 1"
        ),
        "LocalOnly"
    );
    c.batch_execute("DELETE FROM community WHERE id > 3000")
        .unwrap();
    // Back, finalized (the enum type's column is dropped), up and down again: the second
    // down backfills a new text column from the numbers, so it holds the registry's names.
    assert_ok(&online(dir.path(), &url, &["--down"]));
    assert_ok(&online(dir.path(), &url, &["--finalize"]));
    let mut after = snapshot(&mut c, "community");
    // The default was `'Public'::visibility`; it comes back the same.
    assert_eq!(after, before);
    assert_ok(&online(dir.path(), &url, &[]));
    assert_ok(&online(dir.path(), &url, &["--finalize"]));
    assert_ok(&online(dir.path(), &url, &["--down"]));
    after = snapshot(&mut c, "community");
    assert!(
        after
            .iter()
            .any(|l| l.contains("Some(\"visibility\"), Some(\"text\")")),
        "{after:#?}"
    );
    assert_eq!(
        value(
            &mut c,
            "SELECT string_agg(DISTINCT visibility, ',' ORDER BY visibility) FROM community"
        ),
        "local_only,private,public"
    );
}
