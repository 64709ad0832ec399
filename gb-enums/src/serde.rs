//! Serialization by name or number (feature `serde`).
