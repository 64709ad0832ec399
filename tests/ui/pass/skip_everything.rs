//! Every name `skip` accepts, with the application's own impl of each trait next to what the
//! derive still generates: it all compiles together, and `GbEnum`'s methods keep working.
//! The Diesel mapping is the application's own too (`#[derive(AsExpression, FromSqlRow)]` and
//! hand-written `ToSql`/`FromSql`), and loads and stores on SQLite.

use std::fmt;
use std::str::FromStr;

use diesel::deserialize::{self, FromSql};
use diesel::prelude::*;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::SmallInt;
use diesel::sqlite::{Sqlite, SqliteValue};
use gb_enums::GbEnum;

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
    GbEnum,
)]
#[diesel(sql_type = SmallInt)]
#[gb_enum(registry = "ui/pass/schema.toml", name = "risk_level")]
#[gb_enum(skip(Display, FromStr, AsRef, Default, Ord, From, TryFrom))]
#[gb_enum(skip(serde, diesel, sqlx, sea_orm, utoipa, schemars))]
pub enum Risk {
    Low,
    Medium,
    #[default]
    High,
}

impl fmt::Display for Risk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "risk:{}", self.value())
    }
}

impl FromStr for Risk {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.strip_prefix("risk:")
            .and_then(|n| n.parse().ok())
            .and_then(|n| Risk::from_value(n).ok())
            .ok_or_else(|| format!("not a risk: {s}"))
    }
}

impl AsRef<str> for Risk {
    fn as_ref(&self) -> &str {
        "risk"
    }
}

impl From<Risk> for i16 {
    fn from(r: Risk) -> i16 {
        r.value() * 10
    }
}

impl TryFrom<i16> for Risk {
    type Error = ();
    fn try_from(n: i16) -> Result<Self, ()> {
        Risk::from_value(n / 10).map_err(|_| ())
    }
}

impl ToSql<SmallInt, Sqlite> for Risk {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(i32::from(self.value()) + 100);
        Ok(IsNull::No)
    }
}

impl FromSql<SmallInt, Sqlite> for Risk {
    fn from_sql(raw: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let n = <i32 as FromSql<diesel::sql_types::Integer, Sqlite>>::from_sql(raw)?;
        Ok(Risk::from_value(i16::try_from(n - 100)?)?)
    }
}

diesel::table! {
    risks (id) {
        id -> Integer,
        risk -> SmallInt,
    }
}

fn main() {
    // The application's impls.
    assert_eq!(Risk::Medium.to_string(), "risk:1");
    assert_eq!("risk:2".parse::<Risk>(), Ok(Risk::High));
    assert_eq!(Risk::Low.as_ref(), "risk");
    assert_eq!(i16::from(Risk::High), 20);
    assert_eq!(Risk::try_from(10), Ok(Risk::Medium));
    assert_eq!(Risk::default(), Risk::High);
    assert!(Risk::Low < Risk::High);
    assert_eq!(serde_json::to_string(&Risk::Medium).unwrap(), "\"Medium\"");
    // `GbEnum`, whatever is skipped.
    assert_eq!(Risk::from_name("medium"), Ok(Risk::Medium));
    assert_eq!(Risk::Medium.name(), "medium");
    assert_eq!(<Risk as GbEnum>::from_value(2), Ok(Risk::High));
    assert_eq!(Risk::ALL.len(), 3);

    let conn = &mut SqliteConnection::establish(":memory:").unwrap();
    diesel::sql_query("CREATE TABLE risks (id INTEGER PRIMARY KEY, risk SMALLINT NOT NULL)")
        .execute(conn)
        .unwrap();
    diesel::insert_into(risks::table)
        .values((risks::id.eq(1), risks::risk.eq(Risk::Medium)))
        .execute(conn)
        .unwrap();
    let raw: i16 = risks::table.select(risks::risk).first::<i16>(conn).unwrap();
    assert_eq!(raw, 101, "the application's ToSql wrote it");
    let back: Risk = risks::table.select(risks::risk).first(conn).unwrap();
    assert_eq!(back, Risk::Medium);
}
