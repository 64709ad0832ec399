//! Migrations converting legacy text columns to SMALLINT (`gb-enums migrate`).
