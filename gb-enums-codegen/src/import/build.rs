//! Facts read from SQL -> the enums and bindings of a registry.
//!
//! - every enum type (and value-listing domain) becomes an enum keyed by its name;
//! - every column with a value-listing CHECK is bound to an enum; columns whose values are
//!   the same set of names share one enum (keyed by the column name, or `table_column` when
//!   several different enums would want the same key);
//! - labels become snake_case names; a label that is not already one is kept as an alias, so
//!   that `gb-enums migrate` maps the stored strings;
//! - whatever would break a rule of the registry format is fixed here (a `rust = "..."`
//!   override, a `_2` suffix) or left out with a note, so the output always validates.

use std::collections::{HashMap, HashSet};

use super::read::{DefaultValue, Facts};
use crate::diagnostic::Diagnostic;
use crate::ident;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Variant {
    pub name: String,
    pub aliases: Vec<String>,
    /// A Rust identifier override, when the derived one would be invalid or clash.
    pub rust: Option<String>,
}

#[derive(Clone, Debug)]
pub(super) struct Enum {
    pub key: String,
    pub rust: Option<String>,
    pub default: Option<String>,
    pub variants: Vec<Variant>,
    /// Where its values were read, for the comment above it.
    pub sources: Vec<String>,
    /// From an enum type or domain (its key is fixed), or from CHECK constraints.
    from_type: bool,
    /// `(table, column)` of the first bound column, for naming.
    first_column: Option<(String, String)>,
}

#[derive(Clone, Debug)]
pub(super) struct Binding {
    pub column: String,
    pub enum_index: usize,
    pub default: Option<String>,
}

#[derive(Clone, Debug)]
pub(super) struct TableBindings {
    pub table: String,
    pub columns: Vec<Binding>,
}

#[derive(Clone, Debug, Default)]
pub(super) struct Built {
    pub enums: Vec<Enum>,
    pub tables: Vec<TableBindings>,
}

/// Values are numbered from 0 and must fit SMALLINT.
const MAX_VALUES: usize = i16::MAX as usize + 1;

fn too_many(count: usize, what: &str) -> String {
    format!("skipped {what}: its {count} values do not fit SMALLINT (at most {MAX_VALUES}, numbered from 0)")
}

/// Whatever remains of `s` as a registry name: snake_case, `[a-z][a-z0-9_]*`.
pub(super) fn registry_name(s: &str) -> String {
    let snake = ident::snake_case(s.trim());
    let mut out = String::new();
    for c in snake.chars() {
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            c
        } else {
            '_'
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    let out = out.trim_end_matches('_').to_owned();
    match out.chars().next() {
        None => "value".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("v_{out}"),
        Some(_) => out,
    }
}

/// Variants for labels in order: a label that already is a valid name keeps it; any other
/// gets its snake_case form (with `_2`, `_3`... when taken) and is kept as an alias.
pub(super) fn label_variants(labels: &[String]) -> Vec<Variant> {
    // A label listed twice (`CHECK (s IN ('a', 'a'))`, or an enum type as written in a
    // migration that PostgreSQL would reject) is one value: found by fuzzing.
    let mut seen = HashSet::new();
    let labels: Vec<String> = labels
        .iter()
        .filter(|l| seen.insert(l.as_str()))
        .cloned()
        .collect();
    let labels = labels.as_slice();
    let mut names: Vec<Option<String>> = labels
        .iter()
        .map(|l| ident::is_snake_case(l).then(|| l.clone()))
        .collect();
    let mut taken: HashSet<String> = names.iter().flatten().cloned().collect();
    for (i, label) in labels.iter().enumerate() {
        if names[i].is_some() {
            continue;
        }
        let base = registry_name(label);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken.insert(name.clone());
        names[i] = Some(name);
    }
    labels
        .iter()
        .zip(names)
        .map(|(label, name)| {
            let name = name.unwrap_or_default();
            let aliases = if *label == name {
                Vec::new()
            } else {
                vec![label.clone()]
            };
            Variant {
                name,
                aliases,
                rust: None,
            }
        })
        .collect()
}

/// Whether `column_variants` can join `e`: the same names, and no alias standing for another
/// variant.
fn can_merge(e: &Enum, column_variants: &[Variant]) -> bool {
    let mut a: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
    let mut b: Vec<&str> = column_variants.iter().map(|v| v.name.as_str()).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
        && column_variants.iter().all(|cv| {
            cv.aliases.iter().all(|alias| {
                e.variants
                    .iter()
                    .all(|v| v.name == cv.name || !v.aliases.contains(alias))
            })
        })
}

fn merge(e: &mut Enum, column_variants: Vec<Variant>) {
    let index: HashMap<String, usize> = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| (v.name.clone(), i))
        .collect();
    for cv in column_variants {
        if let Some(v) = index.get(&cv.name).map(|&i| &mut e.variants[i]) {
            for alias in cv.aliases {
                if !v.aliases.contains(&alias) {
                    v.aliases.push(alias);
                }
            }
        }
    }
}

/// The variant a stored string names: exactly, or ignoring case when that is unambiguous.
fn variant_for(e: &Enum, value: &str) -> Option<String> {
    let exact = e
        .variants
        .iter()
        .find(|v| v.name == value || v.aliases.iter().any(|a| a == value));
    if let Some(v) = exact {
        return Some(v.name.clone());
    }
    let lower = value.to_lowercase();
    let mut folded = e
        .variants
        .iter()
        .filter(|v| v.name == lower || v.aliases.iter().any(|a| a.to_lowercase() == lower));
    match (folded.next(), folded.next()) {
        (Some(v), None) => Some(v.name.clone()),
        _ => None,
    }
}

pub(super) fn build(facts: &Facts, notes: &mut Vec<Diagnostic>) -> Built {
    let mut built = Built::default();
    for t in &facts.types {
        if t.labels.len() > MAX_VALUES {
            notes.push(t.origin.note(too_many(
                t.labels.len(),
                &format!("{} `{}`", t.what, t.name),
            )));
            continue;
        }
        if let Some(i) = built
            .enums
            .iter()
            .position(|e| e.from_type && e.key == registry_name(&t.name))
        {
            let first = &built.enums[i].sources[0];
            notes.push(t.origin.note(format!(
                "skipped {} `{}`: an enum type of that name was read first ({first})",
                t.what, t.name
            )));
            continue;
        }
        // Neither a name nor an alias can be empty (found by fuzzing: `ENUM ('', 'a')`).
        if t.labels.iter().any(String::is_empty) {
            notes.push(t.origin.note(format!(
                "the empty string in {} `{}` cannot be a name or an alias; rows that hold it must be changed \
                 before `gb-enums migrate`",
                t.what, t.name
            )));
        }
        let labels: Vec<String> = t.labels.iter().filter(|l| !l.is_empty()).cloned().collect();
        if labels.is_empty() {
            notes.push(
                t.origin
                    .note(format!("skipped {} `{}`: it has no values", t.what, t.name)),
            );
            continue;
        }
        built.enums.push(Enum {
            key: registry_name(&t.name),
            rust: None,
            default: None,
            variants: label_variants(&labels),
            sources: vec![format!("{} `{}` ({})", t.what, t.name, t.origin.short())],
            from_type: true,
            first_column: None,
        });
    }
    let type_count = built.enums.len();
    // The string default of each bound column (table index, column index), mapped to a
    // variant once every enum is complete.
    let mut defaults: Vec<(usize, usize, &DefaultValue)> = Vec::new();
    for table in &facts.tables {
        let mut bindings = Vec::new();
        for col in &table.columns {
            let checks: Vec<_> = table
                .checks
                .iter()
                .filter(|c| c.column == col.name)
                .collect();
            let type_index = col
                .type_name
                .as_ref()
                .and_then(|n| facts.types.iter().position(|t| t.name == *n))
                .and_then(|i| {
                    built
                        .enums
                        .iter()
                        .position(|e| e.key == registry_name(&facts.types[i].name))
                });
            let place = format!("{}.{}", table.name, col.name);
            let enum_index = if let Some(i) = type_index {
                built.enums[i]
                    .sources
                    .push(format!("{place}: a column of that type"));
                i
            } else if let Some(check) = checks.first() {
                if check.labels.len() > MAX_VALUES {
                    let what = format!("CHECK `{}` on {place}", check.name);
                    notes.push(check.origin.note(too_many(check.labels.len(), &what)));
                    continue;
                }
                for other in &checks[1..] {
                    notes.push(other.origin.note(format!(
                        "{place} has several CHECK lists; used `{}` ({}) and skipped `{}`",
                        check.name,
                        check.origin.short(),
                        other.name
                    )));
                }
                let variants = label_variants(&check.labels);
                let case = if check.folded { ", ignoring case" } else { "" };
                let source = format!(
                    "{place}: CHECK `{}`{case} ({})",
                    check.name,
                    check.origin.short()
                );
                match built.enums.iter().position(|e| can_merge(e, &variants)) {
                    Some(i) => {
                        merge(&mut built.enums[i], variants);
                        built.enums[i].sources.push(source);
                        if built.enums[i].first_column.is_none() {
                            built.enums[i].first_column =
                                Some((table.name.clone(), col.name.clone()));
                        }
                        i
                    }
                    None => {
                        built.enums.push(Enum {
                            key: String::new(),
                            rust: None,
                            default: None,
                            variants,
                            sources: vec![source],
                            from_type: false,
                            first_column: Some((table.name.clone(), col.name.clone())),
                        });
                        built.enums.len() - 1
                    }
                }
            } else {
                continue;
            };
            if !ident::is_sql_identifier(&table.name) || !ident::is_sql_identifier(&col.name) {
                let at = checks.first().map(|c| c.origin.clone());
                let message = format!(
                    "{place} is not bound in [tables]: `[tables]` takes plain SQL names (letters, digits, `_`); bind it by hand"
                );
                match at {
                    Some(o) => notes.push(o.note(message)),
                    None => notes.push(Diagnostic::file_error("import", message).warning()),
                }
                continue;
            }
            // A table read twice (created again after a drop, or under two names that
            // became one by renames) binds into its first entry; a column bound there
            // already keeps its first binding: `[tables]` keys must be unique.
            let table_index = built
                .tables
                .iter()
                .position(|t| t.table == table.name)
                .unwrap_or(built.tables.len());
            let bound_before = built
                .tables
                .get(table_index)
                .is_some_and(|t| t.columns.iter().any(|b| b.column == col.name));
            if bound_before || bindings.iter().any(|b: &Binding| b.column == col.name) {
                let message =
                    format!("{place} is bound once, to the first of its CHECK lists or types");
                match checks.first() {
                    Some(c) => notes.push(c.origin.note(message)),
                    None => notes.push(Diagnostic::file_error("import", message).warning()),
                }
                continue;
            }
            if let Some(d) = &col.default {
                let column_index =
                    built.tables.get(table_index).map_or(0, |t| t.columns.len()) + bindings.len();
                defaults.push((table_index, column_index, d));
            }
            bindings.push(Binding {
                column: col.name.clone(),
                enum_index,
                default: None,
            });
        }
        if bindings.is_empty() {
            continue;
        }
        match built.tables.iter_mut().find(|t| t.table == table.name) {
            Some(t) => t.columns.extend(bindings),
            None => built.tables.push(TableBindings {
                table: table.name.clone(),
                columns: bindings,
            }),
        }
    }
    choose_keys(&mut built, type_count);
    for (ti, ci, DefaultValue { value, origin }) in defaults {
        let binding = &built.tables[ti].columns[ci];
        let e = &built.enums[binding.enum_index];
        match variant_for(e, value) {
            Some(name) => built.tables[ti].columns[ci].default = Some(name),
            None => notes.push(origin.note(format!(
                "default '{value}' of {}.{} is none of the values of enum {}; left out",
                built.tables[ti].table, binding.column, e.key
            ))),
        }
    }
    enum_defaults(&mut built);
    fix_rust_names(&mut built);
    built
}

/// Keys for the enums read from CHECKs: the column name, unless another enum has or wants it.
fn choose_keys(built: &mut Built, type_count: usize) {
    let wanted: Vec<String> = built.enums[type_count..]
        .iter()
        .map(|e| {
            e.first_column
                .as_ref()
                .map(|(_, c)| registry_name(c))
                .unwrap_or_default()
        })
        .collect();
    let mut taken: Vec<String> = built.enums[..type_count]
        .iter()
        .map(|e| e.key.clone())
        .collect();
    for (i, want) in wanted.iter().enumerate() {
        let e = &built.enums[type_count + i];
        let shared = wanted.iter().filter(|w| *w == want).count() > 1 || taken.contains(want);
        let base = match (&e.first_column, shared) {
            (Some((t, c)), true) => registry_name(&format!("{t}_{c}")),
            _ => want.clone(),
        };
        let mut key = base.clone();
        let mut n = 2;
        while taken.contains(&key) {
            key = format!("{base}_{n}");
            n += 1;
        }
        taken.push(key.clone());
        built.enums[type_count + i].key = key;
    }
}

/// An enum's `default`: the default every bound column agrees on.
fn enum_defaults(built: &mut Built) {
    for (i, e) in built.enums.iter_mut().enumerate() {
        let mut defaults = built
            .tables
            .iter()
            .flat_map(|t| &t.columns)
            .filter(|b| b.enum_index == i)
            .map(|b| &b.default);
        let Some(Some(first)) = defaults.next() else {
            continue;
        };
        if defaults.all(|d| d.as_ref() == Some(first)) {
            e.default = Some(first.clone());
        }
    }
}

/// `rust = "..."` where the derived identifier is a keyword or clashes with another.
fn fix_rust_names(built: &mut Built) {
    let mut type_names: HashSet<String> = HashSet::new();
    for e in &mut built.enums {
        let derived = ident::upper_camel(&e.key);
        let chosen = unique_ident(&derived, "Enum", &type_names);
        if chosen != derived {
            e.rust = Some(chosen.clone());
        }
        type_names.insert(chosen);
        let mut names: HashSet<String> = HashSet::new();
        for v in &mut e.variants {
            let derived = ident::upper_camel(&v.name);
            let chosen = unique_ident(&derived, "Value", &names);
            if chosen != derived {
                v.rust = Some(chosen.clone());
            }
            names.insert(chosen);
        }
    }
}

fn unique_ident(derived: &str, suffix: &str, taken: &HashSet<String>) -> String {
    let ok =
        |s: &str| ident::rust_ident_problem(s).is_none() && !taken.contains(s) && s != "Unknown";
    if ok(derived) {
        return derived.to_owned();
    }
    let base = format!("{derived}{suffix}");
    let mut candidate = base.clone();
    let mut n = 2;
    while !ok(&candidate) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(l: &[&str]) -> Vec<String> {
        l.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn names_from_labels() {
        assert_eq!(registry_name("APP_CREATE"), "app_create");
        assert_eq!(registry_name("In Progress!"), "in_progress");
        assert_eq!(registry_name("1st"), "v_1st");
        assert_eq!(registry_name("été"), "t");
        assert_eq!(registry_name("--"), "value");
        let v = label_variants(&labels(&["Pending", "pending", "PENDING", "UserLogin"]));
        let got: Vec<(&str, &[String])> = v
            .iter()
            .map(|v| (v.name.as_str(), v.aliases.as_slice()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("pending_2", &labels(&["Pending"])[..]),
                ("pending", &[][..]),
                ("pending_3", &labels(&["PENDING"])[..]),
                ("user_login", &labels(&["UserLogin"])[..]),
            ]
        );
    }

    fn enum_type(name: &str, l: &[&str]) -> super::super::read::EnumType {
        super::super::read::EnumType {
            name: name.into(),
            labels: labels(l),
            what: "enum type",
            origin: super::super::read::Origin {
                file: "t.sql".into(),
                location: crate::source::Location { line: 1, col: 1 },
            },
        }
    }

    #[test]
    fn empty_labels_and_empty_types_are_notes() {
        let facts = Facts {
            types: vec![
                enum_type("mood", &["", "happy", "sad"]),
                enum_type("nothing", &[""]),
            ],
            ..Facts::default()
        };
        let mut notes = Vec::new();
        let built = build(&facts, &mut notes);
        assert_eq!(built.enums.len(), 1);
        let names: Vec<&str> = built.enums[0]
            .variants
            .iter()
            .map(|v| v.name.as_str())
            .collect();
        assert_eq!(names, ["happy", "sad"]);
        let notes: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert!(
            notes[0].starts_with("the empty string in enum type `mood` cannot be"),
            "{notes:?}"
        );
        assert!(
            notes.contains(&"skipped enum type `nothing`: it has no values"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_label_listed_twice_is_one_variant() {
        let v = label_variants(&labels(&["OpenAI", "Anthropic", "a", "Anthropic", "a"]));
        let names: Vec<&str> = v.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["open_ai", "anthropic", "a"]);
    }

    #[test]
    fn rust_names_avoid_keywords_and_clashes() {
        assert_eq!(unique_ident("Self", "Value", &HashSet::new()), "SelfValue");
        assert_eq!(
            unique_ident("X1", "Value", &HashSet::from(["X1".to_owned()])),
            "X1Value"
        );
        assert_eq!(unique_ident("Ok", "Value", &HashSet::new()), "Ok");
    }
}
