//! A registry from existing SQL: CHECK constraints and enum types (`gb-enums import`).
