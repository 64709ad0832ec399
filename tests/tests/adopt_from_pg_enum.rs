//! Worked migration 2 (README, "Adopting gb-enums in an existing code base"): from
//! diesel-derive-enum with PostgreSQL enum types to SMALLINT columns and `#[derive(GbEnum)]`.
//!
//! 1. `gb-enums import schema.sql` writes the registry: `tests/adopt/pg_enum/schema.toml` is
//!    exactly what it prints for `tests/adopt/pg_enum/schema.sql` (`UPDATE_SNAPSHOTS=1`
//!    rewrites it), and the derives below are checked against it at compile time.
//! 2. On PostgreSQL, rows written while the columns were enum types go through the
//!    `gb-enums migrate` up migration, and the application's enums load them with the same
//!    values, its own serde spelling (PascalCase, as diesel-derive-enum users keep) intact.
//! 3. The down migration gives the enum types and the original spellings back.
//!
//! `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`); skipped with a reason
//! when unreachable, except with `CI=true`.

use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use gb_enums::GbEnum;
use gb_enums_codegen::source::Source;
use gb_enums_tests::{in_ci, workspace_root};
use serde::{Deserialize, Serialize};

/// As the application wrote it for diesel-derive-enum, with `DbEnum` and `ExistingTypePath`
/// replaced by `GbEnum`, and its serde derive kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, GbEnum)]
#[gb_enum(
    registry = "adopt/pg_enum/schema.toml",
    name = "listing_type_enum",
    skip(serde)
)]
pub enum ListingType {
    All,
    Local,
    Subscribed,
    ModeratorView,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, GbEnum)]
#[gb_enum(
    registry = "adopt/pg_enum/schema.toml",
    name = "post_listing_mode_enum",
    skip(serde)
)]
pub enum PostListingMode {
    List,
    Card,
    SmallCard,
}

// `schema.rs` after the migration: `ListingTypeEnum` and `PostListingModeEnum` became
// `SmallInt`.
diesel::table! {
    local_user (id) {
        id -> Integer,
        default_listing_type -> SmallInt,
        post_listing_mode -> SmallInt,
    }
}

#[derive(Queryable, Selectable, Insertable, Debug, PartialEq, Serialize)]
#[diesel(table_name = local_user)]
struct LocalUser {
    id: i32,
    default_listing_type: ListingType,
    post_listing_mode: PostListingMode,
}

fn dir() -> std::path::PathBuf {
    workspace_root().join("tests/adopt/pg_enum")
}

#[test]
fn import_writes_the_registry_the_derives_are_checked_against() {
    let sql = std::fs::read_to_string(dir().join("schema.sql")).expect("read schema.sql");
    let imported = gb_enums_codegen::import::import(&[Source::new("schema.sql", sql)]);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
    let path = dir().join("schema.toml");
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &imported.registry).expect("write schema.toml");
    }
    let committed = std::fs::read_to_string(&path).expect("read schema.toml");
    assert_eq!(
        imported.registry, committed,
        "run with UPDATE_SNAPSHOTS=1 and review"
    );
}

/// A connection in a schema of the test's own, dropped at the end.
struct Db {
    conn: PgConnection,
    schema: String,
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = self
            .conn
            .batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
    }
}

fn postgres() -> Option<Db> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match PgConnection::establish(&url) {
        Ok(c) => c,
        Err(e) if in_ci() => panic!("PostgreSQL at {url} is unreachable: {e} (CI=true)"),
        Err(e) => {
            eprintln!("skipping: PostgreSQL at {url} is unreachable: {e}");
            return None;
        }
    };
    let schema = format!("gb_enums_adopt_pg_enum_{}", std::process::id());
    conn.batch_execute(&format!(
        "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; \
         CREATE SCHEMA {schema}; SET search_path TO {schema}"
    ))
    .expect("create the test's schema");
    Some(Db { conn, schema })
}

#[derive(QueryableByName, Debug, PartialEq)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    v: String,
}

#[test]
fn rows_of_enum_types_survive_the_migration_and_load_as_the_derived_enums() {
    let Some(mut db) = postgres() else { return };
    let conn = &mut db.conn;
    let sql = std::fs::read_to_string(dir().join("schema.sql")).expect("read schema.sql");
    conn.batch_execute(&sql).expect("the legacy schema");
    // Rows the application wrote through diesel-derive-enum, and one with the column default.
    conn.batch_execute(
        "INSERT INTO local_user VALUES (1, 'ModeratorView', 'SmallCard'), (2, 'All', 'Card'); \
         INSERT INTO local_user (id) VALUES (3)",
    )
    .expect("legacy rows");

    let root = workspace_root();
    let loaded = gb_enums_codegen::load_file(&dir().join("schema.toml"), &root);
    let registry = loaded
        .registry
        .as_ref()
        .expect("the imported registry is valid");
    let migration =
        gb_enums_codegen::migrate::postgres(registry, &[]).expect("a migration for [tables]");
    conn.batch_execute(&migration.up).expect("the up migration");

    let users: Vec<LocalUser> = local_user::table
        .select(LocalUser::as_select())
        .order_by(local_user::id)
        .load(conn)
        .expect("load after the migration");
    let expected = [
        (1, ListingType::ModeratorView, PostListingMode::SmallCard),
        (2, ListingType::All, PostListingMode::Card),
        (3, ListingType::Local, PostListingMode::List),
    ];
    let got: Vec<_> = users
        .iter()
        .map(|u| (u.id, u.default_listing_type, u.post_listing_mode))
        .collect();
    assert_eq!(got, expected);
    // The JSON the API sent before (serde's own PascalCase) is what it sends now.
    assert_eq!(
        serde_json::to_string(&users[0]).unwrap(),
        r#"{"id":1,"default_listing_type":"ModeratorView","post_listing_mode":"SmallCard"}"#
    );
    // New rows: through the typed DSL, and with the SMALLINT default the migration set.
    diesel::insert_into(local_user::table)
        .values(&LocalUser {
            id: 4,
            default_listing_type: ListingType::Subscribed,
            post_listing_mode: PostListingMode::Card,
        })
        .execute(conn)
        .expect("insert after the migration");
    conn.batch_execute("INSERT INTO local_user (id) VALUES (5)")
        .expect("insert with the defaults");
    let subscribed: Vec<i32> = local_user::table
        .filter(local_user::default_listing_type.eq(ListingType::Subscribed))
        .select(local_user::id)
        .load(conn)
        .unwrap();
    assert_eq!(subscribed, [4]);
    let defaults: LocalUser = local_user::table
        .find(5)
        .select(LocalUser::as_select())
        .first(conn)
        .unwrap();
    assert_eq!(
        (defaults.default_listing_type, defaults.post_listing_mode),
        (ListingType::Local, PostListingMode::List)
    );

    // Down: the enum types and the original spellings come back.
    conn.batch_execute(&migration.down)
        .expect("the down migration");
    let back: Vec<Text> = diesel::sql_query(
        "SELECT default_listing_type::text || '/' || post_listing_mode::text || '/' || \
         pg_typeof(default_listing_type)::text AS v FROM local_user ORDER BY id",
    )
    .load(conn)
    .expect("read after the down migration");
    let back: Vec<&str> = back.iter().map(|t| t.v.as_str()).collect();
    assert_eq!(
        back,
        [
            "ModeratorView/SmallCard/listing_type_enum",
            "All/Card/listing_type_enum",
            "Local/List/listing_type_enum",
            "Subscribed/Card/listing_type_enum",
            "Local/List/listing_type_enum",
        ]
    );
}
