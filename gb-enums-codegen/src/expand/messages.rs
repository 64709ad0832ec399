//! The messages of `#[derive(GbEnum)]` and `registry!` about their own input (the registry's
//! are in `crate::messages`): lowercase, no final period, names in backticks.

use crate::suggest::closest;

/// `` `a`, `b`, `c` ``.
pub(super) fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items
        .into_iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Names people reach for that `skip(...)` spells differently.
const SKIP_SYNONYMS: &[(&str, &str)] = &[
    ("PartialOrd", "Ord"),
    ("Serialize", "serde"),
    ("Deserialize", "serde"),
    ("ToSql", "diesel"),
    ("FromSql", "diesel"),
    ("AsExpression", "diesel"),
    ("Queryable", "diesel"),
    ("ToString", "Display"),
    ("Into", "From"),
    ("sea-orm", "sea_orm"),
    ("seaorm", "sea_orm"),
    ("ToSchema", "utoipa"),
    ("JsonSchema", "schemars"),
];

/// `name` in `skip(...)` is none of `accepted`.
pub(super) fn unknown_skip(name: &str, accepted: &[&str]) -> String {
    let hint = SKIP_SYNONYMS
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| *v)
        .or_else(|| closest(name, accepted.iter().copied()))
        .or_else(|| {
            let lower = name.to_ascii_lowercase();
            accepted
                .iter()
                .copied()
                .find(|a| a.to_ascii_lowercase() == lower)
        });
    let hint = match hint {
        Some(h) => format!("; did you mean `{h}`?"),
        None => String::new(),
    };
    format!(
        "cannot skip `{name}`: `skip` takes {}{hint}",
        list(accepted.iter().copied())
    )
}

/// A `#[gb_enum(...)]` key on the enum that is not known.
pub(super) fn unknown_enum_attr(key: &str) -> String {
    let known = ["name", "registry", "skip"];
    match closest(key, known) {
        Some(c) => format!("unknown `gb_enum` attribute `{key}`; did you mean `{c}`?"),
        None => format!(
            "unknown `gb_enum` attribute `{key}`; expected `name = \"...\"`, `registry = \"...\"` or `skip(...)`"
        ),
    }
}

/// A `#[gb_enum(...)]` key on a variant that is not known.
pub(super) fn unknown_variant_attr(key: &str) -> String {
    let hint = match closest(key, ["name", "other"]) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    };
    format!(
        "unknown `gb_enum` attribute `{key}` on a variant{hint} (a variant takes `name = \"...\"`, the registry name it stands for, or `other`, which marks the catch-all of an open enum)"
    )
}

/// A variant's `#[gb_enum(name = "...")]` names no variant of the entry.
pub(super) fn no_registry_name(name: &str, key: &str, entry_at: &str, names: &[&str]) -> String {
    match closest(name, names.iter().copied()) {
        Some(c) => {
            format!("enum {key} ({entry_at}) has no variant named `{name}`; did you mean `{c}`?")
        }
        None => format!(
            "enum {key} ({entry_at}) has no variant named `{name}`; its names are {}",
            list(names.iter().copied())
        ),
    }
}

/// A Rust variant that matches no registry variant's identifier, but looks like `near`
/// (`name` = `value` at `at`, whose identifier is `near_ident`).
pub(super) fn variant_looks_like(
    ident: &str,
    key: &str,
    near_name: &str,
    near_ident: &str,
    value: i16,
    at: &str,
) -> String {
    format!(
        "variant `{ident}` is not in enum {key}; did you mean `{near_ident}` (`{near_name}` = {value} at {at})? to keep the name `{ident}`, map it with `#[gb_enum(name = \"{near_name}\")]` on the variant, or set `rust = \"{ident}\"` on `{near_name}` in the registry"
    )
}

/// A Rust variant that matches nothing in the entry.
pub(super) fn variant_matches_nothing(ident: &str, key: &str, entry_at: &str) -> String {
    format!(
        "variant `{ident}` matches no name of enum {key} ({entry_at}); map it to a registry name with `#[gb_enum(name = \"...\")]` on the variant, or set `rust = \"{ident}\"` on that variant in the registry (or add the variant to the registry, or remove it here)"
    )
}

/// Two Rust variants stand for one registry variant.
pub(super) fn mapped_twice(ident: &str, first: &str, name: &str) -> String {
    format!("variant `{ident}` stands for `{name}`, as `{first}` already does; each registry variant is one Rust variant")
}

/// No entry `key` in the registry `file`; `type_name` when the key was derived from it.
pub(super) fn no_entry<'a>(
    key: &str,
    file: &str,
    type_name: Option<&str>,
    keys: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let of = match type_name {
        Some(ty) => format!(" (the snake_case of `{ty}`)"),
        None => String::new(),
    };
    if let Some(near) = nearest_entry(key, keys.clone()) {
        return match type_name {
            Some(_) => format!(
                "no enum `{key}`{of} in {file}; did you mean `{near}`? name the entry with `#[gb_enum(name = \"{near}\")]`"
            ),
            None => format!("no enum `{key}` in {file}; did you mean `{near}`?"),
        };
    }
    let known: Vec<&str> = keys.into_iter().collect();
    match (type_name, known.is_empty()) {
        (_, true) => format!("no enum `{key}`{of} in {file}; it has no enums"),
        (Some(_), false) => format!(
            "no enum `{key}`{of} in {file}; name the entry with `#[gb_enum(name = \"...\")]` (it has {})",
            list(known)
        ),
        (None, false) => format!("no enum `{key}` in {file}; it has {}", list(known)),
    }
}

/// The key of `keys` that `key` most likely means: a near miss, or the same key with or
/// without the `_enum`, `_type` or `_kind` suffix that SQL enum types often carry
/// (`gb-enums import` keeps `CREATE TYPE listing_type_enum` as `listing_type_enum`).
pub(super) fn nearest_entry<'a>(
    key: &str,
    keys: impl IntoIterator<Item = &'a str> + Clone,
) -> Option<&'a str> {
    const SUFFIXES: &[&str] = &["_enum", "_type", "_kind"];
    let bare = |k: &'a str| -> &'a str {
        SUFFIXES
            .iter()
            .find_map(|s| k.strip_suffix(s))
            .filter(|b| !b.is_empty())
            .unwrap_or(k)
    };
    let key_bare = SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s))
        .unwrap_or(key);
    keys.clone()
        .into_iter()
        .find(|k| *k != key && (bare(k) == key || bare(k) == key_bare || *k == key_bare))
        .or_else(|| closest(key, keys.clone()))
        .or_else(|| {
            let near = closest(key_bare, keys.clone().into_iter().map(bare))?;
            keys.into_iter().find(|k| bare(k) == near)
        })
}

/// An open enum's variants carry discriminants, which rustc allows next to the catch-all's
/// field only with a `repr`.
pub(super) fn discriminants_need_repr(ty: &str) -> String {
    format!(
        "`{ty}` has a catch-all variant with a field, so its discriminants need a `repr`: add `#[repr(i16)]` above the enum (or leave the discriminants out: the registry gives the values)"
    )
}

/// `registry!(only = [...])` or `except` names a key the registry lacks.
pub(super) fn unknown_selected(option: &str, key: &str, file: &str, keys: &[&str]) -> String {
    match nearest_entry(key, keys.iter().copied()) {
        Some(near) => format!(
            "`{option}` names `{key}`, which is not an enum of {file}; did you mean `{near}`?"
        ),
        None => format!(
            "`{option}` names `{key}`, which is not an enum of {file}; it has {}",
            list(keys.iter().copied())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_suggested_with_and_without_sql_suffixes() {
        let keys = ["listing_type_enum", "post_status", "sort_type"];
        assert_eq!(
            nearest_entry("listing_type", keys),
            Some("listing_type_enum")
        );
        assert_eq!(nearest_entry("post_statu", keys), Some("post_status"));
        assert_eq!(nearest_entry("sort_type_enum", keys), Some("sort_type"));
        assert_eq!(nearest_entry("colour", keys), None);
    }

    #[test]
    fn unknown_skip_names_list_the_accepted_ones() {
        let accepted = ["Display", "Ord", "serde"];
        assert_eq!(
            unknown_skip("Dispaly", &accepted),
            "cannot skip `Dispaly`: `skip` takes `Display`, `Ord`, `serde`; did you mean `Display`?"
        );
        assert!(unknown_skip("PartialOrd", &accepted).ends_with("did you mean `Ord`?"));
        assert!(unknown_skip("Serialize", &accepted).ends_with("did you mean `serde`?"));
        assert!(unknown_skip("Hash", &accepted).ends_with("`serde`"));
    }
}
