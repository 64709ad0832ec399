//! CHECK-free SQL: lookup tables, column comments and defaults.
