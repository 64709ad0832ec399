//! What to audit: the `[tables]` entries asked for, their bound columns with their enums, and
//! the lookup tables of those enums.

use gb_enums_codegen::suggest::did_you_mean;
use gb_enums_codegen::{ColumnDef, EnumDef, Registry, TableDef};

use crate::connection::Error;

/// One `[tables]` table and its bound columns.
#[derive(Clone, Debug)]
pub struct TablePlan<'r> {
    /// The `[tables]` entry.
    pub table: &'r TableDef,
    /// Its bound columns, each with its enum, in registry order.
    pub columns: Vec<(&'r ColumnDef, &'r EnumDef)>,
}

/// Everything one audit looks at.
#[derive(Clone, Debug)]
pub struct Plan<'r> {
    /// The tables, in registry order.
    pub tables: Vec<TablePlan<'r>>,
    /// The enums whose lookup tables are compared: every enum of the registry when no table
    /// was named, else the enums of the named tables' columns; in registry order.
    pub enums: Vec<&'r EnumDef>,
}

impl Plan<'_> {
    /// How many bound columns.
    pub fn column_count(&self) -> usize {
        self.tables.iter().map(|t| t.columns.len()).sum()
    }
}

/// The plan for `tables` (every `[tables]` entry when empty). A name that `[tables]` does not
/// have is an error, with a suggestion.
///
/// ```
/// use gb_enums_codegen::{parse_registry, Source};
/// use gb_enums_live::audit::plan::plan;
///
/// let registry = parse_registry(Source::new("schema.toml", r#"
/// [enums.task_status]
/// variants = [{ value = 0, name = "pending" }]
/// [enums.unused]
/// variants = [{ value = 0, name = "x" }]
/// [tables.auto_tasks]
/// status = { enum = "task_status" }
/// "#)).unwrap();
/// assert_eq!(plan(&registry, &[]).unwrap().enums.len(), 2);
/// assert_eq!(plan(&registry, &["auto_tasks".into()]).unwrap().enums.len(), 1);
/// assert_eq!(
///     plan(&registry, &["auto_task".into()]).unwrap_err().to_string(),
///     "table `auto_task` is not under [tables]; did you mean `auto_tasks`?"
/// );
/// ```
pub fn plan<'r>(registry: &'r Registry, tables: &[String]) -> Result<Plan<'r>, Error> {
    let known: Vec<&str> = registry
        .tables
        .iter()
        .map(|t| t.name.value.as_str())
        .collect();
    let unknown: Vec<String> = tables
        .iter()
        .filter(|t| !known.contains(&t.as_str()))
        .map(|t| {
            format!(
                "table `{t}` is not under [tables]{}",
                did_you_mean(t, known.iter().copied())
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::new(unknown.join("\nerror: ")));
    }
    let mut out = Plan {
        tables: Vec::new(),
        enums: Vec::new(),
    };
    for t in &registry.tables {
        if !tables.is_empty() && !tables.contains(&t.name.value) {
            continue;
        }
        let columns = t
            .columns
            .iter()
            .filter_map(|c| registry.enum_by_key(&c.enum_key.value).map(|e| (c, e)))
            .collect();
        out.tables.push(TablePlan { table: t, columns });
    }
    out.enums = registry
        .enums
        .iter()
        .filter(|e| {
            tables.is_empty()
                || out
                    .tables
                    .iter()
                    .any(|t| t.columns.iter().any(|(_, ce)| ce.key.value == e.key.value))
        })
        .collect();
    Ok(out)
}

/// Whether a stored string names a variant the way `gb-enums migrate` maps it: a name or an
/// alias exactly, else ignoring case where that names one value only.
///
/// ```
/// use gb_enums_codegen::{parse_registry, Source};
/// use gb_enums_live::audit::plan::string_is_known;
///
/// let r = parse_registry(Source::new("s.toml", r#"
/// [enums.e]
/// variants = [{ value = 0, name = "done", aliases = ["DONE_OK"] }, { value = 1, name = "a" }, { value = 2, name = "b", aliases = ["A"] }]
/// "#)).unwrap();
/// let e = &r.enums[0];
/// assert!(string_is_known(e, "done") && string_is_known(e, "Done") && string_is_known(e, "done_ok"));
/// assert!(string_is_known(e, "A"));   // exact alias
/// assert!(!string_is_known(e, "finished"));
/// ```
pub fn string_is_known(e: &EnumDef, s: &str) -> bool {
    let spellings = || {
        e.variants.iter().flat_map(|v| {
            std::iter::once((v.value.value, v.name.value.as_str())).chain(
                v.aliases
                    .iter()
                    .map(move |a| (v.value.value, a.value.as_str())),
            )
        })
    };
    if spellings().any(|(_, sp)| sp == s) {
        return true;
    }
    let lower = s.to_lowercase();
    let mut values = spellings()
        .filter(|(_, sp)| sp.to_lowercase() == lower)
        .map(|(v, _)| v);
    match values.next() {
        Some(first) => values.all(|v| v == first),
        None => false,
    }
}

/// Whether a stored number is a variant's value.
pub fn number_is_known(e: &EnumDef, n: i64) -> bool {
    i16::try_from(n).is_ok_and(|n| e.variant_by_value(n).is_some())
}
