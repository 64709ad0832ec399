//! The Diesel load benchmark's table and row types: five SMALLINT enum columns read into
//! generated enums, into the alternatives' enums, or into raw `i16`s, by the same query.

// Diesel's `table!` generates undocumented column types.
#![allow(missing_docs)]

diesel::table! {
    /// 1,000,000 rows written by `benches/diesel_load.rs`; the name is this benchmark's own
    /// so that it never collides with a test's table.
    gb_enums_bench_load (id) {
        id -> Int4,
        status -> Int2,
        priority -> Int2,
        execution_mode -> Int2,
        risk_level -> Int2,
        approval_status -> Int2,
    }
}

macro_rules! row {
    ($(#[$doc:meta])* $name:ident, $status:ty, $priority:ty, $mode:ty, $risk:ty, $approval:ty) => {
        $(#[$doc])*
        #[derive(Debug, PartialEq, diesel::Queryable)]
        pub struct $name {
            pub status: $status,
            pub priority: $priority,
            pub execution_mode: $mode,
            pub risk_level: $risk,
            pub approval_status: $approval,
        }
    };
}

row!(
    /// The columns as gb-enums' generated enums.
    GbRow, crate::gb::TaskStatus, crate::gb::TaskPriority, crate::gb::ExecutionMode, crate::gb::RiskLevel, crate::gb::ApprovalStatus
);
row!(
    /// The columns as the hand-written enums.
    HandRow, crate::hand::TaskStatus, crate::hand::TaskPriority, crate::hand::ExecutionMode, crate::hand::RiskLevel, crate::hand::ApprovalStatus
);
row!(
    /// The columns as the strum + num_enum enums.
    StackRow, crate::stack::TaskStatus, crate::stack::TaskPriority, crate::stack::ExecutionMode, crate::stack::RiskLevel, crate::stack::ApprovalStatus
);
row!(
    /// The columns as the numbers stored.
    RawRow, i16, i16, i16, i16, i16
);
