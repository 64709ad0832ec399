//! Changes between two registries that would corrupt stored data or break clients (`gb-enums breaking`).
