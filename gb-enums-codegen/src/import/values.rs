//! Reading a CHECK expression as "column takes one of these strings".
//!
//! Recognised, in any nesting of parentheses and casts (pg_dump adds both):
//! `col IN ('a', 'b')`, `col = ANY (ARRAY['a', 'b'])`, `col = ANY ('{a,b}')`, `col = 'a' OR
//! col = 'b'`, any `OR` of those on one column, `col IS NULL OR ...`, and the same on
//! `lower(col)` or `upper(col)`, which says stored values differ in case.

use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, InTarget, Value,
};

use super::read::ident_name;

/// The strings a CHECK allows for one column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ValueList {
    pub column: String,
    /// In the order written, without repeats.
    pub labels: Vec<String>,
    /// Whether the column is compared through `lower()`/`upper()`.
    pub folded: bool,
}

/// The expression without the parentheses and casts around it.
fn strip(e: &Expr) -> &Expr {
    match e {
        Expr::Nested(inner) => strip(inner),
        Expr::Cast { expr, .. } => strip(expr),
        _ => e,
    }
}

/// A string constant, through casts (`'pending'::character varying`).
pub(super) fn string_literal(e: &Expr) -> Option<String> {
    match strip(e) {
        Expr::Value(v) => match &v.value {
            Value::SingleQuotedString(s)
            | Value::EscapedStringLiteral(s)
            | Value::UnicodeStringLiteral(s)
            | Value::NationalStringLiteral(s) => Some(s.clone()),
            Value::DollarQuotedString(d) => Some(d.value.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The column an operand names, and whether it is wrapped in `lower()`/`upper()`.
fn column(e: &Expr) -> Option<(String, bool)> {
    match strip(e) {
        Expr::Identifier(i) => Some((ident_name(i), false)),
        Expr::CompoundIdentifier(parts) => parts.last().map(|i| (ident_name(i), false)),
        Expr::Function(f) => {
            let name = f.name.0.last()?.as_ident()?.value.to_ascii_lowercase();
            if name != "lower" && name != "upper" {
                return None;
            }
            let FunctionArguments::List(list) = &f.args else {
                return None;
            };
            match list.args.as_slice() {
                [FunctionArg::Unnamed(FunctionArgExpr::Expr(arg))] => match column(arg)? {
                    (c, false) => Some((c, true)),
                    (_, true) => None,
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// The elements of `ARRAY['a', 'b']` or of an array literal `'{a,b}'`.
fn array_strings(e: &Expr) -> Option<Vec<String>> {
    match strip(e) {
        Expr::Array(a) => a.elem.iter().map(string_literal).collect(),
        other => string_literal(other).and_then(|s| parse_array_literal(&s)),
    }
}

/// PostgreSQL's text form of a one-dimensional array: `{a,"b c","d\"e"}`.
fn parse_array_literal(s: &str) -> Option<Vec<String>> {
    let inner = s.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut out = Vec::new();
    let mut chars = inner.chars().peekable();
    if inner.trim().is_empty() {
        return Some(out);
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '\\' => item.push(chars.next()?),
                    '"' => break,
                    c => item.push(c),
                }
            }
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' {
                    break;
                }
                if c == '{' || c == '"' {
                    return None;
                }
                item.push(c);
                chars.next();
            }
            let item_trimmed = item.trim().to_owned();
            if item_trimmed.eq_ignore_ascii_case("null") {
                return None;
            }
            item = item_trimmed;
        }
        out.push(item);
        match chars.next() {
            Some(',') => continue,
            None => return Some(out),
            Some(_) => return None,
        }
    }
}

#[derive(Default)]
struct Acc {
    column: Option<(String, bool)>,
    labels: Vec<String>,
    seen: std::collections::HashSet<String>,
}

impl Acc {
    fn column(&mut self, c: (String, bool)) -> Result<(), &'static str> {
        match &self.column {
            None => {
                self.column = Some(c);
                Ok(())
            }
            Some(existing) if *existing == c => Ok(()),
            Some(_) => Err("it compares more than one column"),
        }
    }

    fn push(&mut self, label: String) {
        if self.seen.insert(label.clone()) {
            self.labels.push(label);
        }
    }

    /// Reads every operand of the `OR`s, left to right. A long `OR` chain is a deep tree;
    /// walking it with an explicit stack keeps a CHECK of thousands of values from
    /// overflowing the call stack.
    fn or_chain(&mut self, e: &Expr) -> Result<(), &'static str> {
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            match strip(e) {
                Expr::BinaryOp {
                    left,
                    op: BinaryOperator::Or,
                    right,
                } => {
                    stack.push(right);
                    stack.push(left);
                }
                operand => self.branch(operand)?,
            }
        }
        Ok(())
    }

    fn branch(&mut self, e: &Expr) -> Result<(), &'static str> {
        const NOT_VALUES: &str = "it is not a list of string values of one column";
        match strip(e) {
            Expr::In {
                expr,
                target: InTarget::List(list),
                negated: false,
                ..
            } => {
                self.column(column(expr).ok_or(NOT_VALUES)?)?;
                for item in list {
                    self.push(string_literal(item).ok_or("its values are not strings")?);
                }
                Ok(())
            }
            Expr::AnyOp {
                left,
                compare_op: BinaryOperator::Eq,
                right,
                ..
            } => {
                self.column(column(left).ok_or(NOT_VALUES)?)?;
                for s in array_strings(right).ok_or("its values are not strings")? {
                    self.push(s);
                }
                Ok(())
            }
            Expr::BinaryOp {
                left,
                op: BinaryOperator::Eq,
                right,
            } => {
                let (c, s) = match (column(left), string_literal(right)) {
                    (Some(c), Some(s)) => (c, s),
                    _ => match (column(right), string_literal(left)) {
                        (Some(c), Some(s)) => (c, s),
                        _ => return Err(NOT_VALUES),
                    },
                };
                self.column(c)?;
                self.push(s);
                Ok(())
            }
            // `status IS NULL OR status IN (...)`: NULL is not a value, the column may be nullable.
            Expr::IsNull(inner) => self.column(column(inner).ok_or(NOT_VALUES)?),
            _ => Err(NOT_VALUES),
        }
    }
}

/// The column and values a CHECK expression allows, or why it is not such a list.
pub(super) fn value_list(e: &Expr) -> Result<ValueList, &'static str> {
    let mut acc = Acc::default();
    acc.or_chain(e)?;
    match acc.column {
        Some((column, folded)) if !acc.labels.is_empty() => Ok(ValueList {
            column,
            labels: acc.labels,
            folded,
        }),
        _ => Err("it is not a list of string values of one column"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    fn list(sql: &str) -> Result<ValueList, &'static str> {
        let e = Parser::new(&PostgreSqlDialect {})
            .try_with_sql(sql)
            .unwrap()
            .parse_expr()
            .unwrap();
        value_list(&e)
    }

    #[test]
    fn every_form_reads_the_same_values() {
        let expected = ValueList {
            column: "status".into(),
            labels: vec!["a".into(), "B c".into()],
            folded: false,
        };
        for sql in [
            "status IN ('a', 'B c')",
            "(((status)::text = ANY ((ARRAY['a'::character varying, 'B c'::character varying])::text[])))",
            "status = ANY (ARRAY['a', 'B c'])",
            "status = ANY ('{a,\"B c\"}'::text[])",
            "status = 'a' OR 'B c' = status",
            "status IS NULL OR (status IN ('a') OR status = 'B c')",
            "t.status IN ('a', 'B c', 'a')",
        ] {
            assert_eq!(list(sql), Ok(expected.clone()), "{sql}");
        }
        assert!(list("lower(status) IN ('a')").unwrap().folded);
        assert_eq!(list("\"Status\" IN ('x')").unwrap().column, "Status");
    }

    #[test]
    fn other_checks_say_why_they_are_skipped() {
        assert_eq!(
            list("amount > 0"),
            Err("it is not a list of string values of one column")
        );
        assert_eq!(list("level IN (1, 2)"), Err("its values are not strings"));
        assert_eq!(
            list("a IN ('x') OR b IN ('y')"),
            Err("it compares more than one column")
        );
        assert_eq!(
            list("status NOT IN ('x')"),
            Err("it is not a list of string values of one column")
        );
        assert_eq!(
            list("lower(lower(s)) IN ('x')"),
            Err("it is not a list of string values of one column")
        );
    }

    #[test]
    fn array_literals() {
        assert_eq!(parse_array_literal("{}"), Some(vec![]));
        assert_eq!(
            parse_array_literal("{a, b}"),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            parse_array_literal(r#"{"a\"b",c}"#),
            Some(vec!["a\"b".into(), "c".into()])
        );
        assert_eq!(parse_array_literal("{a,NULL}"), None);
        assert_eq!(parse_array_literal("{{a}}"), None);
        assert_eq!(parse_array_literal("a,b"), None);
    }
}
