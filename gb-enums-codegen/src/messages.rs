//! Every message about a registry, in one place and one style: lowercase, no final period,
//! names in backticks.

use crate::suggest::did_you_mean;

pub fn toml_syntax(detail: &str) -> String {
    format!("invalid TOML: {}", detail.trim().trim_end_matches('.'))
}

pub fn unknown_key(key: &str, context: &str, allowed: &[&str]) -> String {
    let hint = did_you_mean(key, allowed.iter().copied());
    let hint = if hint.is_empty() {
        format!("; expected one of {}", allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
    } else {
        hint
    };
    format!("unknown key `{key}` in {context}{hint}")
}

pub fn wrong_type(key: &str, expected: &str, found: &str) -> String {
    format!("`{key}` must be {expected}, found {found}")
}

pub fn missing_key(key: &str, context: &str) -> String {
    format!("missing `{key}` in {context}")
}

pub fn value_out_of_range(value: &str, enum_key: &str) -> String {
    format!("value {value} in enum {enum_key} does not fit SMALLINT (i16: -32768 to 32767)")
}

pub fn invalid_enum_key(key: &str) -> String {
    format!("invalid enum key `{key}`: keys are snake_case ASCII, `[a-z][a-z0-9_]*`")
}

pub fn invalid_variant_name(name: &str, enum_key: &str) -> String {
    format!("invalid variant name `{name}` in enum {enum_key}: names are snake_case ASCII, `[a-z][a-z0-9_]*`")
}

pub fn duplicate_name(name: &str, enum_key: &str, first_line: usize) -> String {
    format!("duplicate name `{name}` in enum {enum_key} (first used at line {first_line})")
}

pub fn duplicate_value(value: i16, enum_key: &str, first_name: &str, first_line: usize) -> String {
    format!("duplicate value {value} in enum {enum_key} (first used by {first_name} at line {first_line})")
}

pub fn empty_alias(enum_key: &str) -> String {
    format!("empty alias in enum {enum_key}: an alias is a non-empty string")
}

pub fn alias_clash(alias: &str, enum_key: &str, other: &str, line: usize) -> String {
    format!("alias `{alias}` in enum {enum_key} clashes with {other} at line {line}")
}

pub fn reserved_used(value: i16, enum_key: &str, name: &str, reserved_line: usize) -> String {
    format!("value {value} of `{name}` in enum {enum_key} is reserved (line {reserved_line}) and may never be used")
}

pub fn duplicate_reserved(value: i16, enum_key: &str) -> String {
    format!("value {value} is reserved twice in enum {enum_key}")
}

pub fn empty_enum(enum_key: &str) -> String {
    format!("enum {enum_key} has no variants; add at least one to `variants`")
}

pub fn unknown_default(default: &str, enum_key: &str, names: &[&str]) -> String {
    format!("default `{default}` is not a variant of enum {enum_key}{}", did_you_mean(default, names.iter().copied()))
}

pub fn bad_rust_ident(ident: &str, problem: &str, what: &str) -> String {
    format!("the Rust identifier `{ident}` of {what} {problem}; set `rust = \"...\"` to choose another")
}

pub fn rust_ident_clash(ident: &str, what: &str, other: &str, line: usize) -> String {
    format!("{what} becomes the Rust identifier `{ident}`, as does {other} at line {line}; set `rust = \"...\"` on one of them")
}

pub fn open_unknown_clash(enum_key: &str, name: &str) -> String {
    format!(
        "variant `{name}` of open enum {enum_key} becomes `Unknown`, the name of the catch-all variant; set `rust = \"...\"` on it"
    )
}

pub fn unknown_enum(key: &str, known: &[&str]) -> String {
    format!("unknown enum `{key}`{}", did_you_mean(key, known.iter().copied()))
}

pub fn invalid_sql_ident(name: &str, what: &str) -> String {
    format!("invalid {what} name `{name}`: use letters, digits and `_`, not starting with a digit")
}

pub fn bad_serde_mode(found: &str) -> String {
    format!("`serde` must be \"name\" or \"value\", found \"{found}\"")
}

pub fn unknown_dialect(found: &str) -> String {
    let hint = did_you_mean(found, ["postgres", "sqlite", "mysql"]);
    format!("unknown SQL dialect `{found}`; expected `postgres`, `sqlite` or `mysql`{hint}")
}

pub fn deprecated_default(default: &str, enum_key: &str) -> String {
    format!("default `{default}` of enum {enum_key} is deprecated")
}
