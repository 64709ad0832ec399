//! Worked migration 3 (README, "Adopting gb-enums in an existing code base"): hand-written
//! enums stored in `INTEGER` columns, converted with hand-written `from_i32`, ordered by an
//! access level that is not the stored number. After: `#[derive(GbEnum)]` with `skip(Ord)`,
//! the application's `Ord` kept, the `INTEGER` columns read and written as they are (on
//! SQLite here, as the application's tests would).

use diesel::prelude::*;
use gb_enums::GbEnum;

/// The shared `Ord`: owner > admin > manager > user, whatever the numbers.
macro_rules! access_order {
    ($ty:ident) => {
        impl $ty {
            fn access_level(self) -> u8 {
                match self {
                    $ty::Owner => 3,
                    $ty::Admin => 2,
                    $ty::Manager => 1,
                    $ty::User => 0,
                }
            }
        }
        impl PartialOrd for $ty {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $ty {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.access_level().cmp(&other.access_level())
            }
        }
    };
}

mod before {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum MemberRole {
        Owner = 0,
        Admin = 1,
        User = 2,
        Manager = 3,
    }
    access_order!(MemberRole);

    impl MemberRole {
        pub fn from_i32(n: i32) -> Option<Self> {
            match n {
                0 => Some(MemberRole::Owner),
                1 => Some(MemberRole::Admin),
                2 => Some(MemberRole::User),
                3 => Some(MemberRole::Manager),
                _ => None,
            }
        }
    }
}

mod after {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, gb_enums::GbEnum)]
    #[gb_enum(registry = "adopt/i32/schema.toml", skip(Ord))]
    pub enum MemberRole {
        Owner = 0,
        Admin = 1,
        User = 2,
        Manager = 3,
    }
    access_order!(MemberRole);
}

/// What `from_i32` becomes.
fn from_i32<E: GbEnum>(n: i32) -> Option<E> {
    i16::try_from(n).ok().and_then(|n| E::from_value(n).ok())
}

diesel::table! {
    memberships (id) {
        id -> Integer,
        role -> Integer,
    }
}

#[test]
fn conversions_and_the_applications_order_are_kept() {
    for n in -70_000..70_000 {
        let old = before::MemberRole::from_i32(n).map(|r| r as i32);
        let new = from_i32::<after::MemberRole>(n).map(|r| i32::from(r.value()));
        assert_eq!(old, new, "{n}");
    }
    let mut old = [0, 1, 2, 3].map(|n| before::MemberRole::from_i32(n).unwrap());
    let mut new = [0, 1, 2, 3].map(|n| from_i32::<after::MemberRole>(n).unwrap());
    old.sort();
    new.sort();
    assert_eq!(old.map(|r| r as i16), new.map(|r| r.value()));
    assert_eq!(new.map(|r| r.name()), ["user", "manager", "admin", "owner"]);
    assert!(after::MemberRole::Manager > after::MemberRole::User);
}

#[test]
fn integer_columns_load_and_store_as_they_are() {
    let conn = &mut SqliteConnection::establish(":memory:").unwrap();
    // The table as the application created it: INTEGER, values written by the old code.
    diesel::sql_query("CREATE TABLE memberships (id INTEGER PRIMARY KEY, role INTEGER NOT NULL)")
        .execute(conn)
        .unwrap();
    diesel::sql_query("INSERT INTO memberships VALUES (1, 3), (2, 0)")
        .execute(conn)
        .unwrap();
    diesel::insert_into(memberships::table)
        .values((
            memberships::id.eq(3),
            memberships::role.eq(after::MemberRole::Admin),
        ))
        .execute(conn)
        .unwrap();
    let mut roles: Vec<after::MemberRole> = memberships::table
        .select(memberships::role)
        .load(conn)
        .unwrap();
    roles.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        roles,
        [
            after::MemberRole::Owner,
            after::MemberRole::Admin,
            after::MemberRole::Manager
        ]
    );
    let raw: Vec<i32> = memberships::table
        .select(memberships::role)
        .order_by(memberships::id)
        .load(conn)
        .unwrap();
    assert_eq!(raw, [3, 0, 1]);
    // A number the old code never wrote is an error naming the enum, not a panic.
    diesel::sql_query("UPDATE memberships SET role = 7 WHERE id = 2")
        .execute(conn)
        .unwrap();
    let err = memberships::table
        .select(memberships::role)
        .load::<after::MemberRole>(conn)
        .unwrap_err();
    let mut cause: &dyn std::error::Error = &err;
    while let Some(next) = cause.source() {
        cause = next;
    }
    assert_eq!(cause.to_string(), "unknown member_role value 7");
}
