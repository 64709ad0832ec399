//! The report as text (for people) and as JSON (for dashboards and CI).

use std::fmt::Write as _;

use super::finding::{Finding, Report};
use crate::connection::Backend;

/// Version of the JSON layout; raised on any change that could break a reader.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// The report for a terminal or a log: one block per finding, then a summary line.
///
/// ```
/// use gb_enums_live::audit::{render, Finding, Kind, Mode, Report};
/// use gb_enums_live::connection::Backend;
///
/// let mut report = Report {
///     backend: Backend::Postgres,
///     database: "postgres://localhost/app".into(),
///     mode: Mode::Exact,
///     tables: vec!["auto_tasks".into()],
///     columns: 2,
///     lookup_tables: vec![],
///     notes: vec![],
///     findings: vec![Finding::new(Kind::MissingColumn, "auto_tasks", Some("risk"), "column `risk` does not exist")
///         .fix("add it as SMALLINT")],
/// };
/// let text = render::text(&report);
/// assert!(text.contains("auto_tasks.risk: missing_column: column `risk` does not exist\n    fix: add it as SMALLINT\n"));
/// assert!(text.ends_with("1 finding (1 table, 2 columns, 0 lookup tables audited)\n"));
/// ```
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    let how = match report.backend {
        Backend::Sqlite => "the file was opened read-only",
        Backend::Postgres | Backend::Mysql => {
            "every query ran in a read-only transaction that was rolled back"
        }
    };
    let _ = writeln!(
        out,
        "gb-enums audit of {} ({}, {} mode): read-only, {how}",
        report.database,
        report.backend,
        report.mode.as_str()
    );
    for s in &report.notes {
        let _ = writeln!(out, "note: {s}");
    }
    for f in &report.findings {
        let _ = write!(out, "{}: {}: {}", f.location(), f.kind.code(), f.message);
        out.push('\n');
        for v in &f.values {
            let _ = writeln!(
                out,
                "    {}{} {} {}",
                if f.estimate { "~" } else { "" },
                v.rows,
                if v.rows == 1 {
                    "row holds"
                } else {
                    "rows hold"
                },
                v.value
            );
        }
        if let Some(fix) = &f.fix {
            let _ = writeln!(out, "    fix: {fix}");
        }
    }
    let n = report.findings.len();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        out,
        "{} ({}, {}, {} audited)",
        if n == 0 {
            "no finding: the database matches the registry".to_owned()
        } else {
            plural(n, "finding", "findings")
        },
        plural(report.tables.len(), "table", "tables"),
        plural(report.columns, "column", "columns"),
        plural(report.lookup_tables.len(), "lookup table", "lookup tables"),
    );
    out
}

/// The report as one JSON object (layout in the [module docs](super)), keys in a fixed
/// order, ending with a newline.
///
/// ```
/// use gb_enums_live::audit::{render, Mode, Report};
/// use gb_enums_live::connection::Backend;
///
/// let report = Report {
///     backend: Backend::Sqlite,
///     database: "sqlite://app.db".into(),
///     mode: Mode::Exact,
///     tables: vec![],
///     columns: 0,
///     lookup_tables: vec![],
///     notes: vec!["say \"hi\"".into()],
///     findings: vec![],
/// };
/// assert_eq!(
///     render::json(&report),
///     "{\"format_version\":1,\"backend\":\"sqlite\",\"database\":\"sqlite://app.db\",\"read_only\":true,\
///      \"mode\":\"exact\",\"tables\":[],\"columns\":0,\"lookup_tables\":[],\"notes\":[\"say \\\"hi\\\"\"],\
///      \"findings\":[],\"summary\":{\"findings\":0,\"clean\":true}}\n"
/// );
/// ```
pub fn json(report: &Report) -> String {
    let mut o = String::new();
    o.push('{');
    let _ = write!(o, "\"format_version\":{JSON_FORMAT_VERSION},");
    let _ = write!(o, "\"backend\":{},", string(report.backend.name()));
    let _ = write!(o, "\"database\":{},", string(&report.database));
    o.push_str("\"read_only\":true,");
    let _ = write!(o, "\"mode\":{},", string(report.mode.as_str()));
    let _ = write!(o, "\"tables\":{},", strings(&report.tables));
    let _ = write!(o, "\"columns\":{},", report.columns);
    let _ = write!(o, "\"lookup_tables\":{},", strings(&report.lookup_tables));
    let _ = write!(o, "\"notes\":{},", strings(&report.notes));
    o.push_str("\"findings\":[");
    for (i, f) in report.findings.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        finding(&mut o, f);
    }
    o.push_str("],");
    let _ = write!(
        o,
        "\"summary\":{{\"findings\":{},\"clean\":{}}}",
        report.findings.len(),
        report.is_clean()
    );
    o.push_str("}\n");
    o
}

fn finding(o: &mut String, f: &Finding) {
    let _ = write!(o, "{{\"kind\":{},", string(f.kind.code()));
    let _ = write!(o, "\"table\":{},", string(&f.table));
    let _ = write!(o, "\"column\":{},", opt(f.column.as_deref()));
    let _ = write!(o, "\"location\":{},", string(&f.location()));
    let _ = write!(
        o,
        "\"count\":{},",
        f.count.map_or_else(|| "null".to_owned(), |n| n.to_string())
    );
    let _ = write!(o, "\"estimate\":{},", f.estimate);
    let _ = write!(o, "\"message\":{},", string(&f.message));
    let _ = write!(o, "\"fix\":{},", opt(f.fix.as_deref()));
    o.push_str("\"values\":[");
    for (i, v) in f.values.iter().enumerate() {
        if i > 0 {
            o.push(',');
        }
        let _ = write!(o, "{{\"value\":{},\"rows\":{}}}", string(&v.value), v.rows);
    }
    o.push_str("]}");
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), string)
}

fn strings(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("[{}]", parts.join(","))
}

/// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
fn string(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::string;

    #[test]
    fn json_strings_escape_every_control_character() {
        assert_eq!(string("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\"");
    }
}
