//! The spelling -> value mapping of the migrations as SQL expressions, for tools that convert
//! a live database step by step (`gb-enums migrate --online`) rather than through one `DO`
//! block.
//!
//! The rules are the offline migration's (`postgres_up.sql`): a stored string maps to the
//! value whose name or alias it spells exactly, else, ignoring case, to the value whose
//! lower-cased spellings it matches when they name that value only. Anything else maps to
//! NULL, which the caller reports (or refuses) as unmapped. Numbers map back to names.
//!
//! ```
//! use gb_enums_codegen::{migrate::mapping, parse_registry, Source};
//!
//! let registry = parse_registry(Source::new("schema.toml", r#"
//! [enums.task_status]
//! variants = [{ value = 0, name = "pending" }, { value = 1, name = "done", aliases = ["DONE"] }]
//! [tables.tasks]
//! status = { enum = "task_status", default = "pending" }
//! "#)).unwrap();
//! let columns = mapping::columns(&registry, &[]).unwrap();
//! assert_eq!(columns[0].table, "tasks");
//! assert_eq!(columns[0].default_value, Some(0));
//! assert_eq!(
//!     columns[0].to_value("s"),
//!     "CASE s WHEN 'pending' THEN 0 WHEN 'done' THEN 1 WHEN 'DONE' THEN 1 \
//!      ELSE CASE lower(s) WHEN 'pending' THEN 0 WHEN 'done' THEN 1 END END"
//! );
//! assert_eq!(columns[0].to_name("n"), "CASE n WHEN 0 THEN 'pending' WHEN 1 THEN 'done' END");
//! assert_eq!(columns[0].value_json(), r#"{"pending": 0, "done": 1, "DONE": 1}"#);
//! assert_eq!(columns[0].name_json(), r#"{"0": "pending", "1": "done"}"#);
//! ```

use crate::diagnostic::Diagnostic;
use crate::model::{Dialect, EnumDef, Registry};
use crate::sql_quote::literal;

/// One column bound under `[tables]` and its enum's mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    /// The table, as written under `[tables]`.
    pub table: String,
    /// The column.
    pub column: String,
    /// The enum's key.
    pub enum_key: String,
    /// Whether the enum is open (unknown numbers are kept).
    pub open: bool,
    /// The default given under `[tables]`, as a value.
    pub default_value: Option<i16>,
    /// The default given under `[tables]`, as a name.
    pub default_name: Option<String>,
    /// Every value of the enum, in registry order.
    pub values: Vec<i16>,
    exact: Vec<(String, i16)>,
    folded: Vec<(String, i16)>,
    names: Vec<(i16, String)>,
}

impl ColumnMapping {
    /// An SQL expression giving the value (an integer, NULL when unmapped) of the text
    /// expression `operand`, which is evaluated at most twice.
    pub fn to_value(&self, operand: &str) -> String {
        let q = |s: &str| literal(Dialect::Postgres, s);
        let exact: Vec<String> = self
            .exact
            .iter()
            .map(|(s, v)| format!("WHEN {} THEN {v}", q(s)))
            .collect();
        let folded: Vec<String> = self
            .folded
            .iter()
            .map(|(s, v)| format!("WHEN {} THEN {v}", q(s)))
            .collect();
        let folded = if folded.is_empty() {
            "WHEN NULL THEN NULL".to_owned()
        } else {
            folded.join(" ")
        };
        format!(
            "CASE {operand} {} ELSE CASE lower({operand}) {folded} END END",
            exact.join(" ")
        )
    }

    /// An SQL expression giving the name (text, NULL for a number that is no value) of the
    /// integer expression `operand`.
    pub fn to_name(&self, operand: &str) -> String {
        let whens: Vec<String> = self
            .names
            .iter()
            .map(|(v, n)| format!("WHEN {v} THEN {}", literal(Dialect::Postgres, n)))
            .collect();
        format!("CASE {operand} {} END", whens.join(" "))
    }

    /// This mapping with numbers mapped back to the first spelling of each value (the name,
    /// then the aliases) that `accepted` holds, e.g. the labels of a PostgreSQL enum type
    /// that knows `'Public'` but not the name `public`. A value with no accepted spelling is
    /// left out (it maps to NULL); so is a default without one.
    ///
    /// ```
    /// use gb_enums_codegen::{migrate::mapping, parse_registry, Source};
    ///
    /// let registry = parse_registry(Source::new("schema.toml", r#"
    /// [enums.visibility]
    /// variants = [{ value = 0, name = "public", aliases = ["Public"] }, { value = 1, name = "hidden" }]
    /// [tables.community]
    /// visibility = { enum = "visibility", default = "public" }
    /// "#)).unwrap();
    /// let c = mapping::columns(&registry, &[]).unwrap().remove(0);
    /// let labels = c.with_names_among(&["Public".to_owned()]);
    /// assert_eq!(labels.to_name("n"), "CASE n WHEN 0 THEN 'Public' END");
    /// assert_eq!(labels.default_name.as_deref(), Some("Public"));
    /// ```
    pub fn with_names_among(&self, accepted: &[String]) -> ColumnMapping {
        let spelling = |value: i16| {
            self.exact
                .iter()
                .find(|(s, v)| *v == value && accepted.contains(s))
                .map(|(s, _)| s.clone())
        };
        let mut out = self.clone();
        out.names = self
            .names
            .iter()
            .filter_map(|(v, _)| spelling(*v).map(|s| (*v, s)))
            .collect();
        out.default_name = self.default_value.and_then(spelling);
        out
    }

    /// The spelling -> value mapping as a JSON object (exact spellings, then the lower-cased
    /// ones that name one value only), the form the expression translator
    /// (`pg_temp.gb_enums_translate`) takes.
    pub fn value_json(&self) -> String {
        let mut seen: Vec<&str> = Vec::new();
        let mut parts = Vec::new();
        for (s, v) in self.exact.iter().chain(&self.folded) {
            if !seen.contains(&s.as_str()) {
                seen.push(s);
                parts.push(format!("{}: {v}", json_string(s)));
            }
        }
        format!("{{{}}}", parts.join(", "))
    }

    /// The value -> name mapping as a JSON object (keys are the values as text).
    pub fn name_json(&self) -> String {
        let parts: Vec<String> = self
            .names
            .iter()
            .map(|(v, n)| format!("\"{v}\": {}", json_string(n)))
            .collect();
        format!("{{{}}}", parts.join(", "))
    }
}

/// A JSON string (quotes included) holding `s`.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The columns under `[tables]` of the tables named in `tables` (all when empty), in file
/// order, with their mappings.
///
/// Errors are those of [`super::postgres`]: a table that `[tables]` does not have, or nothing
/// to convert.
pub fn columns(
    registry: &Registry,
    tables: &[String],
) -> Result<Vec<ColumnMapping>, Vec<Diagnostic>> {
    // The same selection and the same errors as the offline migration.
    super::postgres(registry, tables)?;
    let mut out = Vec::new();
    for t in registry
        .tables
        .iter()
        .filter(|t| tables.is_empty() || tables.contains(&t.name.value))
    {
        for c in &t.columns {
            let Some(e) = registry.enum_by_key(&c.enum_key.value) else {
                continue;
            };
            let default = c.default.as_ref().and_then(|d| e.variant_by_name(&d.value));
            let (exact, folded) = spellings(e);
            out.push(ColumnMapping {
                table: t.name.value.clone(),
                column: c.name.value.clone(),
                enum_key: e.key.value.clone(),
                open: e.open,
                default_value: default.map(|v| v.value.value),
                default_name: default.map(|v| v.name.value.clone()),
                values: e.variants.iter().map(|v| v.value.value).collect(),
                exact,
                folded,
                names: e
                    .variants
                    .iter()
                    .map(|v| (v.value.value, v.name.value.clone()))
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// The exact spellings (names, then aliases, by value) and the lower-cased spellings that
/// name one value only, as the offline migration builds them.
#[allow(clippy::type_complexity)]
fn spellings(e: &EnumDef) -> (Vec<(String, i16)>, Vec<(String, i16)>) {
    let mut variants: Vec<_> = e.variants.iter().collect();
    variants.sort_by_key(|v| v.value.value);
    let mut exact = Vec::new();
    for v in &variants {
        exact.push((v.name.value.clone(), v.value.value));
        for a in &v.aliases {
            exact.push((a.value.clone(), v.value.value));
        }
    }
    let mut folded: Vec<(String, Vec<i16>)> = Vec::new();
    for (s, v) in &exact {
        let l = s.to_lowercase();
        match folded.iter_mut().find(|(k, _)| *k == l) {
            Some((_, vs)) => {
                if !vs.contains(v) {
                    vs.push(*v);
                }
            }
            None => folded.push((l, vec![*v])),
        }
    }
    let mut folded: Vec<(String, i16)> = folded
        .into_iter()
        .filter(|(_, vs)| vs.len() == 1)
        .map(|(l, vs)| (l, vs[0]))
        .collect();
    folded.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    (exact, folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_registry, Source};

    #[test]
    fn a_lower_cased_spelling_of_two_values_is_matched_exactly_only() {
        let r = parse_registry(Source::new(
            "schema.toml",
            "[enums.e]\nvariants = [{ value = 0, name = \"a\" }, { value = 1, name = \"b\", aliases = [\"A\", \"it's\"] }]\n[tables.t]\ns = { enum = \"e\" }\n",
        ))
        .unwrap();
        let c = &columns(&r, &[]).unwrap()[0];
        assert_eq!(
            c.to_value("x"),
            "CASE x WHEN 'a' THEN 0 WHEN 'b' THEN 1 WHEN 'A' THEN 1 WHEN 'it''s' THEN 1 \
             ELSE CASE lower(x) WHEN 'b' THEN 1 WHEN 'it''s' THEN 1 END END"
        );
        assert!(columns(&r, &["u".into()]).is_err());
        assert_eq!(c.value_json(), r#"{"a": 0, "b": 1, "A": 1, "it's": 1}"#);
    }
}
