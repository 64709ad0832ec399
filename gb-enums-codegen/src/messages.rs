//! Every message about a registry, in one place and one style: lowercase, no final period,
//! names in backticks.

use crate::suggest::did_you_mean;

/// `detail` is the TOML parser's message; `at` is the text the error points at, which names
/// the key of a "duplicate key" error that the parser's message leaves out.
pub fn toml_syntax(detail: &str, at: &str) -> String {
    let detail = detail.trim().trim_end_matches('.');
    let at = at.trim();
    if detail == "duplicate key" && !at.is_empty() && at.len() <= 64 && !at.contains('\n') {
        return format!("invalid TOML: duplicate key `{at}`");
    }
    format!("invalid TOML: {detail}")
}

/// `` `a`, `b`, `c` ``.
fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn unknown_key(key: &str, context: &str, allowed: &[&str]) -> String {
    let hint = did_you_mean(key, allowed.iter().copied());
    let hint = if hint.is_empty() {
        format!("; expected one of {}", list(allowed))
    } else {
        hint
    };
    format!("unknown key `{key}` in {context}{hint}")
}

pub fn wrong_type(key: &str, expected: &str, found: &str) -> String {
    format!("`{key}` must be {expected}, found {found}")
}

pub fn wrong_item_type(list: &str, expected: &str, found: &str) -> String {
    format!("every item of `{list}` must be {expected}, found {found}")
}

pub fn missing_key(key: &str, context: &str) -> String {
    format!("missing `{key}` in {context}")
}

pub fn missing_variants(enum_key: &str) -> String {
    format!("missing `variants` in enum {enum_key}; list them as `variants = [{{ value = 0, name = \"...\" }}]`")
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

pub fn unknown_default(default: &str, enum_key: &str, names: &[&str], is_alias: bool) -> String {
    if is_alias {
        // An alias is a legacy spelling to read, not one to write.
        let name = names.first().copied().unwrap_or_default();
        return format!(
            "default `{default}` of enum {enum_key} is an alias; name the variant `{name}` instead"
        );
    }
    let hint = did_you_mean(default, names.iter().copied());
    let hint = if hint.is_empty() {
        format!("; expected one of {}", list(names))
    } else {
        hint
    };
    format!("default `{default}` is not a variant of enum {enum_key}{hint}")
}

/// `what` becomes `ident`, which `problem` (e.g. "is a Rust keyword"). `explicit`: the
/// identifier was chosen with `rust = "..."` rather than derived from `name`.
pub fn bad_rust_ident(
    ident: &str,
    problem: &str,
    what: &str,
    name: &str,
    explicit: bool,
) -> String {
    if explicit {
        format!("`rust = \"{ident}\"` of {what} {problem}; choose another identifier")
    } else {
        format!(
            "{what} becomes the Rust identifier `{ident}`, which {problem}; give `{name}` another with `rust = \"...\"`"
        )
    }
}

pub fn rust_ident_clash(ident: &str, what: &str, other: &str, line: usize) -> String {
    format!("{what} becomes the Rust identifier `{ident}`, as does {other} at line {line}; set `rust = \"...\"` on one of them")
}

pub fn open_unknown_clash(enum_key: &str, name: &str) -> String {
    format!(
        "variant `{name}` of open enum {enum_key} becomes `Unknown`, the name of the catch-all variant; set `rust = \"...\"` on it"
    )
}

pub fn unknown_enum(key: &str, column: &str, known: &[&str]) -> String {
    let hint = did_you_mean(key, known.iter().copied());
    let hint = if hint.is_empty() {
        format!("; the registry has no `[enums.{key}]`")
    } else {
        hint
    };
    format!("unknown enum `{key}` for column {column}{hint}")
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

pub fn not_toml(file: &str, more_errors: usize) -> String {
    let more = if more_errors > 0 {
        format!(" ({more_errors} more syntax errors not shown)")
    } else {
        String::new()
    };
    let import = if file.to_ascii_lowercase().ends_with(".sql") {
        format!("; to make a registry from SQL, run `gb-enums import {file}`")
    } else {
        String::new()
    };
    format!(
        "`{file}` is not a TOML file: the registry is TOML, usually `schema.toml`{import}{more}"
    )
}

pub fn empty_registry() -> String {
    "the registry defines no enum; add one as `[enums.NAME]` with `variants = [...]`".to_string()
}

pub fn retired_still_defined(key: &str) -> String {
    format!("enum `{key}` is listed in `retired` but still defined in [enums]; a retired key is never used again")
}

pub fn retired_twice(key: &str, first_line: usize) -> String {
    format!("`{key}` is listed in `retired` twice (first on line {first_line})")
}
