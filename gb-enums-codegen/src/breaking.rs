//! Changes between two registries that would corrupt stored data or break clients
//! (`gb-enums breaking`).
//!
//! Stored rows hold numbers and clients send names, so between an old and a new registry:
//!
//! | change | severity |
//! | --- | --- |
//! | a value removed without adding it to `reserved` | error |
//! | a name moved to another number (reported once, not also as a removed value) | error |
//! | a value's name changed without keeping the old name as an alias | error |
//! | a reserved value used again, or taken out of `reserved` | error |
//! | an enum removed while `[tables]` still binds a column to it | error |
//! | an enum removed with the column the old `[tables]` bound, its key not in `retired` | error |
//! | a key taken out of `retired`, or a retired key defined again | error |
//! | an enum made closed after being open | error |
//! | an alias removed | warning |
//! | a default changed or removed (enum or column) | warning |
//! | a column bound to another enum | warning |
//!
//! Every diagnostic points into the new file and names the line of the old one.
//!
//! Stored rows outlive the registry: like buf's `ENUM_NO_DELETE`, an enum whose column was
//! bound may only go once its key is listed at the top level as retired, after the column
//! was dropped or converted; a retired key is never used again.
//!
//! ```toml
//! retired = ["color"]
//! ```
//!
//! ```
//! use gb_enums_codegen::{breaking::compare, load_source, Source};
//!
//! let old = load_source(Source::new("HEAD:schema.toml",
//!     "[enums.e]\nvariants = [{ value = 0, name = \"a\" }, { value = 1, name = \"b\" }]\n"));
//! let new = load_source(Source::new("schema.toml",
//!     "[enums.e]\nvariants = [{ value = 0, name = \"a\" }]\n"));
//! let found = compare(old.registry.as_ref().unwrap(), new.registry.as_ref().unwrap());
//! assert_eq!(
//!     found.to_string(),
//!     "error: schema.toml:1:8: value 1 (`b`) was removed from enum e without being reserved \
//!      (it was at HEAD:schema.toml:2:40); add 1 to `reserved` so that it is never reused\n"
//! );
//! ```

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{EnumDef, Registry};
use crate::source::{Source, Span};

/// Every breaking change from `old` to `new`, in the order of the new file.
pub fn compare(old: &Registry, new: &Registry) -> Diagnostics {
    let mut c = Comparison {
        old: &old.source,
        new: &new.source,
        out: Diagnostics::default(),
    };
    for oe in &old.enums {
        match new.enum_by_key(&oe.key.value) {
            Some(ne) => c.enum_pair(oe, ne),
            None => c.removed_enum(old, new, oe),
        }
    }
    c.retired(old, new);
    c.column_changes(old, new);
    c.out.sort();
    c.out
}

struct Comparison<'a> {
    old: &'a Source,
    new: &'a Source,
    out: Diagnostics,
}

impl Comparison<'_> {
    /// `file:line:col` of a place in the old file.
    fn was(&self, span: Span) -> String {
        format!("{}:{}", self.old.name, self.old.location(span.start))
    }

    fn error(&mut self, span: Span, enum_key: &str, message: String) {
        self.out
            .push(Diagnostic::error(self.new, span, message).in_enum(enum_key));
    }

    fn warning(&mut self, span: Span, enum_key: &str, message: String) {
        self.out.push(
            Diagnostic::error(self.new, span, message)
                .warning()
                .in_enum(enum_key),
        );
    }

    fn enum_pair(&mut self, oe: &EnumDef, ne: &EnumDef) {
        let key = ne.key.value.as_str();
        for ov in &oe.variants {
            let name = ov.name.value.as_str();
            let value = ov.value.value;
            // The number: still there, or reserved.
            let same_value = ne.variant_by_value(value);
            // A name that moved to another number is one change, reported below as a
            // renumbering; its old number is not also reported as removed.
            let moved = ne
                .variant_by_name(name)
                .is_some_and(|nv| nv.value.value != value);
            if same_value.is_none() && !moved && !ne.reserved.iter().any(|r| r.value == value) {
                let m = format!(
                    "value {value} (`{name}`) was removed from enum {key} without being reserved (it was at {}); add {value} to `reserved` so that it is never reused",
                    self.was(ov.span)
                );
                self.error(ne.key.span, key, m);
            }
            // The name: still names the same number.
            match ne.variant_by_name(name) {
                Some(nv) if nv.value.value != value => {
                    let m = format!(
                        "`{name}` of enum {key} was renumbered from {value} to {} (it was at {}); stored rows still hold {value}",
                        nv.value.value,
                        self.was(ov.value.span)
                    );
                    self.error(nv.value.span, key, m);
                }
                Some(_) => {}
                None => {
                    if let Some(nv) = same_value {
                        let m = format!(
                            "value {value} of enum {key} was renamed from `{name}` to `{}` without keeping `{name}` as an alias (it was at {}); add `aliases = [\"{name}\"]` so that stored names and clients still parse",
                            nv.name.value,
                            self.was(ov.name.span)
                        );
                        self.error(nv.name.span, key, m);
                    }
                }
            }
            // Aliases of a value that is still there.
            if let Some(nv) = same_value {
                for alias in &ov.aliases {
                    let kept = nv.name.value == alias.value
                        || nv.aliases.iter().any(|a| a.value == alias.value);
                    if !kept {
                        let m = format!(
                            "alias `{}` of `{}` in enum {key} was removed (it was at {}); stored strings and clients that use it will no longer parse",
                            alias.value,
                            nv.name.value,
                            self.was(alias.span)
                        );
                        self.warning(nv.name.span, key, m);
                    }
                }
            }
        }
        for r in &oe.reserved {
            let value = r.value;
            if let Some(nv) = ne.variant_by_value(value) {
                let m = format!(
                    "value {value} of enum {key} is reserved (at {}) and may never be used again, but `{}` uses it; give it another number",
                    self.was(r.span),
                    nv.name.value
                );
                self.error(nv.value.span, key, m);
            } else if !ne.reserved.iter().any(|n| n.value == value) {
                let m = format!(
                    "value {value} of enum {key} is no longer reserved (it was at {}); keep it in `reserved` so that it is never reused",
                    self.was(r.span)
                );
                self.error(ne.reserved.first().map_or(ne.key.span, |f| f.span), key, m);
            }
        }
        if oe.open && !ne.open {
            let at = oe.open_span.unwrap_or(oe.key.span);
            let m = format!(
                "enum {key} was made closed (it was open at {}); rows written by the open version may hold values this one rejects",
                self.was(at)
            );
            self.error(ne.open_span.unwrap_or(ne.key.span), key, m);
        }
        if let Some(od) = &oe.default {
            if ne.default.as_ref().map(|d| &d.value) != Some(&od.value) {
                let now = ne
                    .default
                    .as_ref()
                    .map_or("none".to_owned(), |d| format!("`{}`", d.value));
                let m = format!(
                    "the default of enum {key} changed from `{}` to {now} (it was at {}); code that relies on `Default` now gets another value",
                    od.value,
                    self.was(od.span)
                );
                let at = ne.default.as_ref().map_or(ne.key.span, |d| d.span);
                self.warning(at, key, m);
            }
        }
    }

    fn removed_enum(&mut self, old: &Registry, new: &Registry, oe: &EnumDef) {
        let key = oe.key.value.as_str();
        let mut still_bound = false;
        for (t, c) in new.columns_of(key) {
            still_bound = true;
            let m = format!(
                "enum {key} was removed (it was at {}) but column {}.{} is still bound to it; its rows hold values of {key}",
                self.was(oe.key.span),
                t.name.value,
                c.name.value
            );
            self.error(c.enum_key.span, key, m);
        }
        if still_bound {
            return;
        }
        if new.retired.iter().any(|r| r.value == key) {
            return;
        }
        for (t, c) in old.columns_of(key) {
            let m = format!(
                "enum {key} was removed (it was at {}) together with column {}.{} bound to it (at {}); its stored rows \
                 still hold values of {key}: keep the enum, or once the column is dropped or converted, list it as \
                 retired: `retired = [\"{key}\"]`",
                self.was(oe.key.span),
                t.name.value,
                c.name.value,
                self.was(c.name.span)
            );
            // Nothing in the new file stands for a removed binding; point at its table if it
            // is there.
            let d = match new.tables.iter().find(|nt| nt.name.value == t.name.value) {
                Some(nt) => Diagnostic::error(self.new, nt.name.span, m),
                None => Diagnostic::file_error(self.new.name.clone(), m),
            };
            self.out.push(d.in_enum(key));
        }
    }

    /// A retired key stays retired and is never defined again.
    fn retired(&mut self, old: &Registry, new: &Registry) {
        for r in &old.retired {
            let key = r.value.as_str();
            if let Some(ne) = new.enum_by_key(key) {
                let m = format!(
                    "enum key `{key}` was retired (at {}) and may never be used again, but enum {key} is defined; \
                     choose another key",
                    self.was(r.span)
                );
                self.error(ne.key.span, key, m);
            } else if !new.retired.iter().any(|n| n.value == key) {
                let m = format!(
                    "`{key}` is no longer listed in `retired` (it was at {}); keep it there so that the key is never reused",
                    self.was(r.span)
                );
                let d = match new.retired.first() {
                    Some(f) => Diagnostic::error(self.new, f.span, m),
                    None => Diagnostic::file_error(self.new.name.clone(), m),
                };
                self.out.push(d.in_enum(key));
            }
        }
    }

    fn column_changes(&mut self, old: &Registry, new: &Registry) {
        for ot in &old.tables {
            let Some(nt) = new.tables.iter().find(|t| t.name.value == ot.name.value) else {
                continue;
            };
            for oc in &ot.columns {
                let Some(nc) = nt.columns.iter().find(|c| c.name.value == oc.name.value) else {
                    continue;
                };
                let place = format!("{}.{}", nt.name.value, nc.name.value);
                let key = nc.enum_key.value.as_str();
                if nc.enum_key.value != oc.enum_key.value {
                    if new.enum_by_key(&oc.enum_key.value).is_some()
                        || new.enum_by_key(key).is_some()
                    {
                        let m = format!(
                            "column {place} now stores enum {key} instead of {} (it was at {}); make sure the stored numbers mean the same",
                            oc.enum_key.value,
                            self.was(oc.enum_key.span)
                        );
                        self.warning(nc.enum_key.span, key, m);
                    }
                    continue;
                }
                if let Some(od) = &oc.default {
                    if nc.default.as_ref().map(|d| &d.value) != Some(&od.value) {
                        let now = nc
                            .default
                            .as_ref()
                            .map_or("none".to_owned(), |d| format!("`{}`", d.value));
                        let m = format!(
                            "the default of column {place} changed from `{}` to {now} (it was at {}); the SQL default of the column changes with it",
                            od.value,
                            self.was(od.span)
                        );
                        self.warning(nc.default.as_ref().map_or(nc.name.span, |d| d.span), key, m);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_source;

    fn run(old: &str, new: &str) -> Vec<String> {
        let old = load_source(Source::new("old.toml", old)).registry.unwrap();
        let new = load_source(Source::new("new.toml", new)).registry.unwrap();
        compare(&old, &new)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn compatible_changes_pass() {
        let old = "[enums.e]\nopen = false\ndefault = \"a\"\nreserved = [5]\nvariants = [\n  { value = 0, name = \"a\" },\n  { value = 1, name = \"b\", aliases = [\"B\"] },\n]\n[tables.t]\nc = { enum = \"e\", default = \"a\" }\n";
        let new = "[enums.e]\nopen = true\ndefault = \"a\"\nreserved = [5, 1]\nvariants = [\n  { value = 0, name = \"alpha\", aliases = [\"a\"], deprecated = \"use c\" },\n  { value = 2, name = \"c\" },\n]\n[tables.t]\nc = { enum = \"e\", default = \"a\" }\n";
        // `default = "a"` names a variant by alias, which the registry rejects; `compare` still
        // works on what it could read, and nothing here is breaking.
        assert_eq!(run(old, new), Vec::<String>::new());
    }

    #[test]
    fn swapped_names_are_two_renumberings() {
        let old =
            "[enums.e]\nvariants = [{ value = 0, name = \"a\" }, { value = 1, name = \"b\" }]\n";
        let new =
            "[enums.e]\nvariants = [{ value = 0, name = \"b\" }, { value = 1, name = \"a\" }]\n";
        assert_eq!(
            run(old, new),
            [
                "error: new.toml:2:23: `b` of enum e was renumbered from 1 to 0 (it was at old.toml:2:50); stored rows still hold 1",
                "error: new.toml:2:50: `a` of enum e was renumbered from 0 to 1 (it was at old.toml:2:23); stored rows still hold 0",
            ]
        );
    }
}
