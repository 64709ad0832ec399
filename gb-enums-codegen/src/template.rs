//! SQL templates that name enum values (`gb-enums render`).
