//! Diesel SMALLINT and INTEGER mappings (feature `diesel`).
