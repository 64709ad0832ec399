//! SQL text -> the facts `import` works from: enum types, tables and their columns, CHECK
//! value lists and defaults.
//!
//! The text is tokenized once with `sqlparser`'s PostgreSQL dialect, cut into statements at
//! top-level semicolons and each statement is parsed on its own, so that one statement the
//! parser does not know (a `CREATE FUNCTION` in an odd form, a psql command) is skipped with a
//! note instead of losing the whole file. Statements that change what earlier ones declared
//! (`DROP CONSTRAINT`, `DROP COLUMN`, renames, `ALTER TYPE ... ADD VALUE`) are applied in order,
//! so a directory of migrations can be imported as well as a `pg_dump --schema-only` file.

use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, AlterType, AlterTypeAddValuePosition,
    AlterTypeOperation, ColumnDef as SqlColumnDef, ColumnOption, DataType, Expr, ObjectName,
    ObjectType, Query, RenameTableNameKind, SelectItem, SelectItemQualifiedWildcardKind, SetExpr,
    Spanned as _, Statement, TableConstraint, TableFactor, UserDefinedTypeRepresentation,
};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Span as SqlSpan, Token, TokenWithSpan, Tokenizer};

use super::values::{string_literal, value_list};
use crate::diagnostic::Diagnostic;
use crate::source::{Location, Source};

/// Where something was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Origin {
    pub file: String,
    pub location: Location,
}

impl Origin {
    /// `file:line`, as shown in the comments of the output.
    pub fn short(&self) -> String {
        format!("{}:{}", self.file, self.location.line)
    }

    /// A note (a warning) about this place.
    pub fn note(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: crate::Severity::Warning,
            file: self.file.clone(),
            location: Some(self.location),
            span: None,
            message: message.into(),
            enum_key: None,
        }
    }
}

/// `CREATE TYPE ... AS ENUM`, or a `CREATE DOMAIN` whose CHECK lists its values.
#[derive(Clone, Debug)]
pub(super) struct EnumType {
    pub name: String,
    pub labels: Vec<String>,
    pub what: &'static str,
    pub origin: Origin,
}

/// A column default that is a string constant.
#[derive(Clone, Debug)]
pub(super) struct DefaultValue {
    pub value: String,
    pub origin: Origin,
}

/// A column of a table, as far as the SQL said anything about it.
#[derive(Clone, Debug)]
pub(super) struct Column {
    pub name: String,
    /// The last part of a user-defined type's name (`public.task_status` -> `task_status`).
    pub type_name: Option<String>,
    pub default: Option<DefaultValue>,
}

/// A CHECK constraint that lists the values of one column.
#[derive(Clone, Debug)]
pub(super) struct Check {
    /// The constraint's name: as written, or the one PostgreSQL gives (`table_column_check`).
    pub name: String,
    pub column: String,
    pub labels: Vec<String>,
    /// Compares `lower(col)` or `upper(col)`: stored values differ in case.
    pub folded: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug)]
pub(super) struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    pub checks: Vec<Check>,
}

/// Everything read from all files, in the order it was declared.
#[derive(Clone, Debug, Default)]
pub(super) struct Facts {
    pub types: Vec<EnumType>,
    pub tables: Vec<Table>,
}

impl Facts {
    fn table(&mut self, name: &str) -> &mut Table {
        match self.tables.iter().position(|t| t.name == name) {
            Some(i) => &mut self.tables[i],
            None => {
                self.tables.push(Table {
                    name: name.to_owned(),
                    columns: Vec::new(),
                    checks: Vec::new(),
                });
                self.tables
                    .last_mut()
                    .unwrap_or_else(|| unreachable!("just pushed"))
            }
        }
    }
}

impl Table {
    fn column(&mut self, name: &str) -> &mut Column {
        match self.columns.iter().position(|c| c.name == name) {
            Some(i) => &mut self.columns[i],
            None => {
                self.columns.push(Column {
                    name: name.to_owned(),
                    type_name: None,
                    default: None,
                });
                self.columns
                    .last_mut()
                    .unwrap_or_else(|| unreachable!("just pushed"))
            }
        }
    }
}

/// An identifier as PostgreSQL stores it: unquoted names fold to lower case.
pub(super) fn ident_name(i: &sqlparser::ast::Ident) -> String {
    match i.quote_style {
        Some(_) => i.value.clone(),
        None => i.value.to_lowercase(),
    }
}

/// The last part of a possibly schema-qualified name; `[tables]` names tables without schema.
fn object_name(n: &ObjectName) -> String {
    n.0.last()
        .and_then(|p| p.as_ident())
        .map(ident_name)
        .unwrap_or_default()
}

/// Reads one file into `facts`; every statement it skips, and why, goes to `notes`.
pub(super) fn read(source: &Source, facts: &mut Facts, notes: &mut Vec<Diagnostic>) {
    let text = blank_psql_lines(&source.text);
    let dialect = PostgreSqlDialect {};
    let mut tokens = Vec::new();
    let tokenized = Tokenizer::new(&dialect, &text).tokenize_with_location_into_buf(&mut tokens);
    let mut reader = Reader {
        file: &source.name,
        facts,
        notes,
    };
    for statement in split_statements(tokens) {
        reader.statement(&dialect, statement);
    }
    if let Err(e) = tokenized {
        let at = Origin {
            file: source.name.clone(),
            location: location(e.location),
        };
        notes.push(at.note(format!(
            "stopped reading the file here: {}",
            e.message.trim_end_matches('.')
        )));
    }
}

/// psql meta-commands (`\restrict`, `\connect`, pg_dump's `\.` ending COPY data) and the
/// data of `COPY ... FROM stdin` are not SQL; they become spaces, so that every other token
/// keeps its line and column.
fn blank_psql_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_copy = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let blank = if in_copy {
            in_copy = trimmed.trim_end() != "\\.";
            true
        } else if trimmed.starts_with('\\') {
            true
        } else {
            let upper = trimmed.to_ascii_uppercase();
            in_copy = upper.starts_with("COPY ") && upper.trim_end().ends_with("FROM STDIN;");
            false
        };
        if blank {
            out.extend(
                line.chars()
                    .map(|c| if c == '\n' || c == '\r' { c } else { ' ' }),
            );
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Top-level statements: the tokens between semicolons, without whitespace and comments.
fn split_statements(tokens: Vec<TokenWithSpan>) -> Vec<Vec<TokenWithSpan>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for t in tokens {
        match t.token {
            Token::Whitespace(_) => {}
            Token::SemiColon => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(t),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a statement could say something about enum values, so that failing to parse it
/// deserves a note.
fn might_matter(tokens: &[TokenWithSpan]) -> bool {
    let words: Vec<String> = tokens
        .iter()
        .filter_map(|t| match &t.token {
            Token::Word(w) if w.quote_style.is_none() => Some(w.value.to_ascii_uppercase()),
            _ => None,
        })
        .collect();
    let starts = |a: &str, b: &str| {
        words.first().is_some_and(|w| w == a) && words.get(1).is_some_and(|w| w == b)
    };
    starts("CREATE", "TABLE")
        || starts("ALTER", "TABLE")
        || starts("CREATE", "TYPE")
        || starts("CREATE", "DOMAIN")
        || words.first().is_some_and(|w| w == "DROP")
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "CHECK" | "ENUM" | "VALUE" | "DEFAULT" | "CONSTRAINT"
            )
        })
}

fn location(l: sqlparser::tokenizer::Location) -> Location {
    Location {
        line: l.line.max(1) as usize,
        col: l.column.max(1) as usize,
    }
}

/// The most operators a statement may have to be read (see [`Reader::statement`]).
const MAX_OPERATORS: usize = 10_000;

/// Whether a token can chain expressions: `OR`, `AND`, `NOT` and every symbol other than
/// brackets, commas and dots (lists are flat, chains are deep).
fn is_operator(t: &Token) -> bool {
    match t {
        Token::Word(w) => {
            w.quote_style.is_none()
                && ["or", "and", "not"]
                    .iter()
                    .any(|k| w.value.eq_ignore_ascii_case(k))
        }
        Token::Comma
        | Token::Period
        | Token::LParen
        | Token::RParen
        | Token::LBracket
        | Token::RBracket
        | Token::Number(..)
        | Token::SingleQuotedString(_)
        | Token::DoubleQuotedString(_)
        | Token::DollarQuotedString(_)
        | Token::EscapedStringLiteral(_)
        | Token::UnicodeStringLiteral(_)
        | Token::NationalStringLiteral(_)
        | Token::Placeholder(_) => false,
        _ => true,
    }
}

struct Reader<'a> {
    file: &'a str,
    facts: &'a mut Facts,
    notes: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn origin(&self, span: SqlSpan, fallback: &Origin) -> Origin {
        if span.start.line == 0 {
            fallback.clone()
        } else {
            Origin {
                file: self.file.to_owned(),
                location: location(span.start),
            }
        }
    }

    fn statement(&mut self, dialect: &PostgreSqlDialect, tokens: Vec<TokenWithSpan>) {
        let start = Origin {
            file: self.file.to_owned(),
            location: location(tokens[0].span.start),
        };
        let relevant = might_matter(&tokens);
        // `a OR b OR ...` (and `a + b + ...`, `x::t::t...`) parses into a tree as deep as
        // the chain, and dropping such a tree recurses once per level: a statement of tens of
        // thousands of operators would overflow the stack. No real CHECK comes near the limit.
        let operators = tokens.iter().filter(|t| is_operator(&t.token)).count();
        if operators > MAX_OPERATORS {
            self.notes.push(start.note(format!(
                "skipped a statement of {operators} operators: more than {MAX_OPERATORS} is too deep to read"
            )));
            return;
        }
        let mut parser = Parser::new(dialect).with_tokens_with_locations(tokens);
        let parsed = parser
            .parse_statement()
            .and_then(|s| match parser.peek_token().token {
                Token::EOF => Ok(s),
                other => Err(sqlparser::parser::ParserError::ParserError(format!(
                    "unexpected `{other}`"
                ))),
            });
        match parsed {
            Ok(s) => self.apply(s, &start),
            // pg_dump's `ALTER TYPE ... OWNER TO`, `ALTER SEQUENCE ... OWNED BY`, grants and
            // the like are not read by the parser and say nothing about values: no note.
            Err(_) if !relevant => {}
            Err(e) => {
                let e = e.to_string();
                let e = e.strip_prefix("sql parser error: ").unwrap_or(&e);
                // The note has the statement's location already.
                let e = e.split(" at Line: ").next().unwrap_or(e);
                self.notes.push(start.note(format!(
                    "skipped a statement the SQL parser cannot read: {e}"
                )));
            }
        }
    }

    fn apply(&mut self, s: Statement, at: &Origin) {
        match s {
            Statement::CreateType {
                name,
                representation: Some(UserDefinedTypeRepresentation::Enum { labels }),
            } => {
                let origin = self.origin(name.span(), at);
                let labels = labels.into_iter().map(|l| l.value).collect();
                self.facts.types.push(EnumType {
                    name: object_name(&name),
                    labels,
                    what: "enum type",
                    origin,
                });
            }
            Statement::CreateDomain(d) => self.domain(&d.name, &d.constraints, at),
            Statement::CreateTable(ct) => {
                let table = object_name(&ct.name);
                self.facts.table(&table);
                for c in &ct.columns {
                    self.column_def(&table, c, at);
                }
                for c in &ct.constraints {
                    self.table_constraint(&table, c, at);
                }
                if let Some(query) = &ct.query {
                    self.create_table_as(&table, query);
                }
            }
            Statement::AlterTable(a) => {
                let table = object_name(&a.name);
                for op in a.operations {
                    self.alter_table(&table, op, at);
                }
            }
            Statement::AlterType(AlterType { name, operation }) => {
                self.alter_type(&object_name(&name), operation, at)
            }
            Statement::Drop {
                object_type, names, ..
            } => {
                let names: Vec<String> = names.iter().map(object_name).collect();
                match object_type {
                    ObjectType::Table => self.facts.tables.retain(|t| !names.contains(&t.name)),
                    ObjectType::Type => self.facts.types.retain(|t| !names.contains(&t.name)),
                    _ => {}
                }
            }
            // Everything else (indexes, SET, sequences, grants, functions...) says nothing about
            // enum values.
            _ => {}
        }
    }

    /// `CREATE TABLE ... AS SELECT`: a selected column (`col`, `t.col`, `col AS x`, `*`,
    /// `t.*`) of a table read earlier keeps its type, so a column of an enum type is bound
    /// like its source. A CHECK or default is not copied (PostgreSQL does not copy them
    /// either), and an expression (`col::text`) makes a column of another type.
    fn create_table_as(&mut self, table: &str, query: &Query) {
        let SetExpr::Select(select) = query.body.as_ref() else {
            return;
        };
        // (the name the query uses for a source, the source table)
        let sources: Vec<(String, String)> = select
            .from
            .iter()
            .flat_map(|f| std::iter::once(&f.relation).chain(f.joins.iter().map(|j| &j.relation)))
            .filter_map(|r| match r {
                TableFactor::Table { name, alias, .. } => Some((
                    alias
                        .as_ref()
                        .map(|a| ident_name(&a.name))
                        .unwrap_or_else(|| object_name(name)),
                    object_name(name),
                )),
                _ => None,
            })
            .collect();
        let source_columns = |facts: &Facts, qualifier: Option<&str>| -> Vec<Column> {
            sources
                .iter()
                .filter(|(used, _)| qualifier.is_none_or(|q| q == used))
                .filter_map(|(_, t)| facts.tables.iter().find(|x| x.name == *t))
                .flat_map(|t| t.columns.iter().cloned())
                .collect()
        };
        let mut made: Vec<(String, Option<String>)> = Vec::new();
        for item in &select.projection {
            let (expr, alias) = match item {
                SelectItem::Wildcard(_) => {
                    made.extend(
                        source_columns(self.facts, None)
                            .into_iter()
                            .map(|c| (c.name, c.type_name)),
                    );
                    continue;
                }
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(n),
                    _,
                ) => {
                    made.extend(
                        source_columns(self.facts, Some(&object_name(n)))
                            .into_iter()
                            .map(|c| (c.name, c.type_name)),
                    );
                    continue;
                }
                SelectItem::UnnamedExpr(e) => (e, None),
                SelectItem::ExprWithAlias { expr, alias } => (expr, Some(ident_name(alias))),
                _ => continue,
            };
            let (qualifier, column) = match expr {
                Expr::Identifier(i) => (None, ident_name(i)),
                Expr::CompoundIdentifier(parts) if parts.len() >= 2 => (
                    Some(ident_name(&parts[parts.len() - 2])),
                    ident_name(&parts[parts.len() - 1]),
                ),
                _ => continue,
            };
            let type_name = source_columns(self.facts, qualifier.as_deref())
                .into_iter()
                .find(|c| c.name == column)
                .and_then(|c| c.type_name);
            made.push((alias.unwrap_or(column), type_name));
        }
        let t = self.facts.table(table);
        for (name, type_name) in made {
            t.column(&name).type_name = type_name;
        }
    }

    fn domain(&mut self, name: &ObjectName, constraints: &[TableConstraint], at: &Origin) {
        let origin = self.origin(name.span(), at);
        for c in constraints {
            if let TableConstraint::Check(check) = c {
                match value_list(&check.expr) {
                    Ok(list) if list.column.eq_ignore_ascii_case("value") => {
                        let (name, labels) = (object_name(name), list.labels);
                        self.facts.types.push(EnumType {
                            name,
                            labels,
                            what: "domain",
                            origin,
                        });
                        return;
                    }
                    _ => {}
                }
            }
        }
    }

    fn column_def(&mut self, table: &str, c: &SqlColumnDef, at: &Origin) {
        let column = ident_name(&c.name);
        let origin = self.origin(c.name.span, at);
        let type_name = match &c.data_type {
            DataType::Custom(n, _) => Some(object_name(n)),
            _ => None,
        };
        let col = self.facts.table(table).column(&column);
        col.type_name = type_name;
        for opt in &c.options {
            match &opt.option {
                ColumnOption::Default(e) => self.default(table, &column, e, &origin),
                ColumnOption::Check(check) => {
                    let name = opt.name.as_ref().or(check.name.as_ref()).map(ident_name);
                    self.check(table, name, &check.expr, Some(&column), &origin);
                }
                _ => {}
            }
        }
    }

    fn table_constraint(&mut self, table: &str, c: &TableConstraint, at: &Origin) {
        if let TableConstraint::Check(check) = c {
            let name = check.name.as_ref().map(ident_name);
            let span = check
                .name
                .as_ref()
                .map(|n| n.span)
                .unwrap_or_else(|| check.expr.span());
            let origin = self.origin(span, at);
            self.check(table, name, &check.expr, None, &origin);
        }
    }

    fn default(&mut self, table: &str, column: &str, e: &Expr, origin: &Origin) {
        let value = string_literal(e).map(|value| DefaultValue {
            value,
            origin: origin.clone(),
        });
        // A default that is not a string constant (`now()`, `nextval(...)`) is no enum value;
        // it still replaces an earlier string default.
        self.facts.table(table).column(column).default = value;
    }

    /// A CHECK constraint: kept when it lists the values of one column, else noted.
    fn check(
        &mut self,
        table: &str,
        name: Option<String>,
        expr: &Expr,
        inline: Option<&str>,
        origin: &Origin,
    ) {
        let shown = name
            .as_deref()
            .map(|n| format!("`{n}` "))
            .unwrap_or_default();
        match value_list(expr) {
            Ok(list) => {
                if list.labels.iter().any(String::is_empty) {
                    self.notes.push(origin.note(format!(
                        "the empty string in CHECK {shown}on {table}.{} cannot be a name or an alias; rows that hold it must be changed before `gb-enums migrate`",
                        list.column
                    )));
                }
                let labels: Vec<String> =
                    list.labels.into_iter().filter(|l| !l.is_empty()).collect();
                if labels.is_empty() {
                    return;
                }
                // PostgreSQL names an unnamed column CHECK `table_column_check`; a later
                // `DROP CONSTRAINT` uses that name.
                let name = name
                    .unwrap_or_else(|| format!("{table}_{}_check", inline.unwrap_or(&list.column)));
                let t = self.facts.table(table);
                t.column(&list.column);
                t.checks.push(Check {
                    name,
                    column: list.column,
                    labels,
                    folded: list.folded,
                    origin: origin.clone(),
                });
            }
            Err(why) => {
                self.notes
                    .push(origin.note(format!("skipped CHECK {shown}on {table}: {why}")));
            }
        }
    }

    fn alter_table(&mut self, table: &str, op: AlterTableOperation, at: &Origin) {
        match op {
            AlterTableOperation::AddConstraint { constraint, .. } => {
                self.table_constraint(table, &constraint, at)
            }
            AlterTableOperation::AddColumn { column_def, .. } => {
                self.column_def(table, &column_def, at)
            }
            AlterTableOperation::AlterColumn { column_name, op } => {
                let column = ident_name(&column_name);
                let origin = self.origin(column_name.span, at);
                match op {
                    AlterColumnOperation::SetDefault { value } => {
                        self.default(table, &column, &value, &origin)
                    }
                    AlterColumnOperation::DropDefault => {
                        self.facts.table(table).column(&column).default = None
                    }
                    AlterColumnOperation::SetDataType { data_type, .. } => {
                        let type_name = match data_type {
                            DataType::Custom(n, _) => Some(object_name(&n)),
                            _ => None,
                        };
                        self.facts.table(table).column(&column).type_name = type_name;
                    }
                    _ => {}
                }
            }
            AlterTableOperation::DropConstraint { name, .. } => {
                let name = ident_name(&name);
                self.facts.table(table).checks.retain(|c| c.name != name);
            }
            AlterTableOperation::DropColumn { column_names, .. } => {
                let names: Vec<String> = column_names.iter().map(ident_name).collect();
                let t = self.facts.table(table);
                t.columns.retain(|c| !names.contains(&c.name));
                t.checks.retain(|c| !names.contains(&c.column));
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                let (old, new) = (ident_name(&old_column_name), ident_name(&new_column_name));
                let t = self.facts.table(table);
                t.columns
                    .iter_mut()
                    .filter(|c| c.name == old)
                    .for_each(|c| c.name.clone_from(&new));
                t.checks
                    .iter_mut()
                    .filter(|c| c.column == old)
                    .for_each(|c| c.column.clone_from(&new));
            }
            AlterTableOperation::RenameTable {
                table_name: RenameTableNameKind::To(n) | RenameTableNameKind::As(n),
            } => {
                let new = object_name(&n);
                self.facts
                    .tables
                    .iter_mut()
                    .filter(|t| t.name == table)
                    .for_each(|t| t.name.clone_from(&new));
            }
            _ => {}
        }
    }

    fn alter_type(&mut self, name: &str, op: AlterTypeOperation, at: &Origin) {
        let Some(t) = self.facts.types.iter_mut().find(|t| t.name == name) else {
            return;
        };
        match op {
            AlterTypeOperation::AddValue(add) => {
                let value = add.value.value;
                if t.labels.contains(&value) {
                    return;
                }
                let at = match &add.position {
                    Some(AlterTypeAddValuePosition::Before(l)) => {
                        t.labels.iter().position(|x| *x == l.value)
                    }
                    Some(AlterTypeAddValuePosition::After(l)) => {
                        t.labels.iter().position(|x| *x == l.value).map(|i| i + 1)
                    }
                    None => None,
                };
                t.labels.insert(at.unwrap_or(t.labels.len()), value);
            }
            AlterTypeOperation::RenameValue(r) => {
                for l in t.labels.iter_mut().filter(|l| **l == r.from.value) {
                    l.clone_from(&r.to.value);
                }
            }
            AlterTypeOperation::Rename(r) => {
                let _ = at;
                t.name = ident_name(&r.new_name);
            }
        }
    }
}
