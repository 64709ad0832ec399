//! `registry!(except = [...])` next to a hand-written derive of the entry it leaves out, in
//! one module: no clash, each type where it is expected. `attrs` adds derives to the
//! generated enums, for all of them and for one.

use gb_enums::GbEnum;

gb_enums::registry!(
    "ui/pass/schema.toml",
    except = ["risk_level", "listing_type_enum", "membership_type", "device_type"],
    attrs = { #[derive(serde::Serialize)] #[serde(rename_all = "UPPERCASE")] #[gb_enum(skip(serde))] },
    attrs(task_status) = { #[gb_enum(skip(Ord))] #[derive(PartialOrd, Ord)] },
);

/// The application's own, in the same module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, GbEnum)]
#[gb_enum(registry = "ui/pass/schema.toml")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

fn main() {
    assert_eq!(RiskLevel::default(), RiskLevel::Low);
    assert_eq!(RiskLevel::High.value(), 2);
    assert_eq!(TaskStatus::Done.name(), "done");
    assert_eq!(MembershipStatus::Revoked.value(), -1);
    // `attrs` for every generated enum: their own serde derive.
    assert_eq!(serde_json::to_string(&TaskStatus::Running).unwrap(), "\"RUNNING\"");
    assert_eq!(serde_json::to_string(&MembershipStatus::Revoked).unwrap(), "\"REVOKED\"");
    // `attrs(task_status)`: the derived order, by declaration.
    assert!(TaskStatus::Pending < TaskStatus::Done);
}
