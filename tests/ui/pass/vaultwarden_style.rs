//! Vaultwarden-style INTEGER enums brought under the registry: `#[derive(Clone, Copy, GbEnum)]`
//! and nothing else, negative discriminants, a `WindowsCLI` variant mapped to `windows_cli`
//! by attribute, and an access order of its own (`skip(Ord)`). They load and store through
//! Diesel on SQLite `INTEGER` columns.

use std::cmp::Ordering;

use diesel::prelude::*;
use gb_enums::GbEnum;

/// No `Debug`, `PartialEq`, `Eq` or `Hash`: the derive needs none of them.
#[derive(Clone, Copy, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml")]
pub enum MembershipStatus {
    Revoked = -1,
    Invited = 0,
    Accepted = 1,
    Confirmed = 2,
}

#[derive(Clone, Copy, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml", skip(Ord))]
pub enum MembershipType {
    Owner = 0,
    Admin = 1,
    User = 2,
    Manager = 3,
}

impl MembershipType {
    /// Owner > Admin > Manager > User, which is not the order of the stored numbers.
    fn access_level(self) -> u8 {
        match self {
            MembershipType::Owner => 3,
            MembershipType::Admin => 2,
            MembershipType::Manager => 1,
            MembershipType::User => 0,
        }
    }
}

impl PartialEq for MembershipType {
    fn eq(&self, other: &Self) -> bool {
        self.access_level() == other.access_level()
    }
}
impl Eq for MembershipType {}
impl PartialOrd for MembershipType {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for MembershipType {
    fn cmp(&self, other: &Self) -> Ordering {
        self.access_level().cmp(&other.access_level())
    }
}

#[derive(Clone, Copy, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml")]
pub enum DeviceType {
    Android = 0,
    Ios = 1,
    WindowsDesktop = 6,
    #[gb_enum(name = "windows_cli")]
    WindowsCLI = 23,
    #[gb_enum(name = "linux_cli")]
    LinuxCLI = 25,
}

diesel::table! {
    users_organizations (uuid) {
        uuid -> Text,
        status -> Integer,
        atype -> Integer,
    }
}

diesel::table! {
    devices (uuid) {
        uuid -> Text,
        atype -> Integer,
    }
}

#[derive(Queryable, Insertable)]
#[diesel(table_name = users_organizations)]
struct Membership {
    uuid: String,
    status: MembershipStatus,
    atype: MembershipType,
}

fn main() {
    assert!(MembershipType::Manager > MembershipType::User);
    assert!(MembershipType::Admin < MembershipType::Owner);
    assert_eq!(MembershipStatus::Revoked.value(), -1);
    assert_eq!(MembershipStatus::from_value(-1).map(|s| s.name()), Ok("revoked"));
    assert_eq!(DeviceType::WindowsCLI.name(), "windows_cli");
    assert_eq!(DeviceType::from_name("windows_cli").map(DeviceType::value), Ok(23));
    assert_eq!(DeviceType::LinuxCLI.to_string(), "linux_cli");
    assert_eq!(MembershipStatus::ALL.len(), 4);

    let conn = &mut SqliteConnection::establish(":memory:").unwrap();
    diesel::sql_query(
        "CREATE TABLE users_organizations (uuid TEXT PRIMARY KEY, status INTEGER NOT NULL, atype INTEGER NOT NULL)",
    )
    .execute(conn)
    .unwrap();
    diesel::sql_query("CREATE TABLE devices (uuid TEXT PRIMARY KEY, atype INTEGER NOT NULL)")
        .execute(conn)
        .unwrap();
    let rows = [
        Membership { uuid: "a".into(), status: MembershipStatus::Revoked, atype: MembershipType::Manager },
        Membership { uuid: "b".into(), status: MembershipStatus::Confirmed, atype: MembershipType::Owner },
    ];
    diesel::insert_into(users_organizations::table).values(&rows).execute(conn).unwrap();
    diesel::insert_into(devices::table)
        .values((devices::uuid.eq("d"), devices::atype.eq(DeviceType::WindowsCLI)))
        .execute(conn)
        .unwrap();

    let revoked: Vec<Membership> = users_organizations::table
        .filter(users_organizations::status.eq(MembershipStatus::Revoked))
        .load(conn)
        .unwrap();
    assert_eq!(revoked.len(), 1);
    assert_eq!(revoked[0].uuid, "a");
    assert_eq!(revoked[0].status.value(), -1);
    assert!(revoked[0].atype == MembershipType::Manager);
    let mut all: Vec<Membership> = users_organizations::table.load(conn).unwrap();
    // The application's order: the owner first.
    all.sort_by(|a, b| b.atype.cmp(&a.atype));
    let order: Vec<&str> = all.iter().map(|m| m.atype.name()).collect();
    assert_eq!(order, ["owner", "manager"]);
    let stored: Vec<i32> = users_organizations::table
        .select(users_organizations::status)
        .order_by(users_organizations::uuid)
        .load(conn)
        .unwrap();
    assert_eq!(stored, [-1, 2]);
    let device: DeviceType = devices::table.select(devices::atype).first(conn).unwrap();
    assert_eq!((device.name(), device.value()), ("windows_cli", 23));
}
