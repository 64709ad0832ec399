//! A Lemmy-style enum brought under the registry as it is: its own serde derive with
//! `rename_all`, its own `Display` and `#[derive(Default)]` stay, and the derive leaves those
//! impls out. It still loads and stores through Diesel, and JSON and `Display` are the
//! application's own.

use std::fmt;

use diesel::prelude::*;
use gb_enums::GbEnum;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize, GbEnum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[gb_enum(registry = "ui/pass/schema.toml", name = "listing_type_enum")]
#[gb_enum(skip(serde, Display, Default))]
pub enum ListingType {
    #[default]
    All,
    Local,
    Subscribed,
    ModeratorView,
}

impl fmt::Display for ListingType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ListingType::All => "All posts",
            ListingType::Local => "Local posts",
            ListingType::Subscribed => "Subscribed",
            ListingType::ModeratorView => "Moderator view",
        };
        f.write_str(text)
    }
}

diesel::table! {
    local_user (id) {
        id -> Integer,
        default_listing_type -> SmallInt,
    }
}

#[derive(Queryable, Insertable, Debug, PartialEq)]
#[diesel(table_name = local_user)]
struct LocalUser {
    id: i32,
    default_listing_type: ListingType,
}

fn main() {
    // The application's own impls are the ones used.
    assert_eq!(ListingType::default(), ListingType::All);
    assert_eq!(ListingType::ModeratorView.to_string(), "Moderator view");
    let json = serde_json::to_string(&[ListingType::ModeratorView, ListingType::Local]).unwrap();
    assert_eq!(json, r#"["MODERATOR_VIEW","LOCAL"]"#);
    let back: Vec<ListingType> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, [ListingType::ModeratorView, ListingType::Local]);

    // The registry's are still there, through `GbEnum` and what was not skipped.
    assert_eq!(ListingType::ModeratorView.name(), "moderator_view");
    assert_eq!(ListingType::from_name("ModeratorView"), Ok(ListingType::ModeratorView));
    assert_eq!("subscribed".parse::<ListingType>(), Ok(ListingType::Subscribed));
    assert_eq!(i16::from(ListingType::Subscribed), 2);
    assert!(ListingType::All < ListingType::ModeratorView);

    let conn = &mut SqliteConnection::establish(":memory:").unwrap();
    diesel::sql_query(
        "CREATE TABLE local_user (id INTEGER PRIMARY KEY, default_listing_type SMALLINT NOT NULL)",
    )
    .execute(conn)
    .unwrap();
    let users = [
        LocalUser { id: 1, default_listing_type: ListingType::ModeratorView },
        LocalUser { id: 2, default_listing_type: ListingType::default() },
    ];
    diesel::insert_into(local_user::table).values(&users).execute(conn).unwrap();
    let stored: Vec<(i32, i16)> = diesel::sql_query("SELECT id, default_listing_type FROM local_user ORDER BY id")
        .load::<Raw>(conn)
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.value))
        .collect();
    assert_eq!(stored, [(1, 3), (2, 0)]);
    let loaded: Vec<LocalUser> = local_user::table
        .filter(local_user::default_listing_type.ne(ListingType::All))
        .load(conn)
        .unwrap();
    assert_eq!(loaded, users[..1]);
    let out: Vec<String> = local_user::table
        .select(local_user::default_listing_type)
        .order_by(local_user::id)
        .load::<ListingType>(conn)
        .unwrap()
        .iter()
        .map(|l| format!("{l} {}", serde_json::to_string(l).unwrap()))
        .collect();
    assert_eq!(out, ["Moderator view \"MODERATOR_VIEW\"", "All posts \"ALL\""]);
}

#[derive(QueryableByName)]
struct Raw {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = diesel::sql_types::SmallInt, column_name = default_listing_type)]
    value: i16,
}
