//! The audit of a MySQL or MariaDB database, in a read-only transaction that is rolled back.

use gb_enums_codegen::sql_quote::{ident, literal};
use gb_enums_codegen::Dialect;
use mysql::prelude::Queryable;
use mysql::{Conn, Opts};

use super::lookup_rows::LookupRow;
use super::simple::{Catalog, Column, Constraint, TypeClass};
use crate::connection::{Backend, DatabaseUrl, Error};

/// A row of `columns.sql`.
type ColumnRow = (String, String, String, Option<String>, Option<String>);
/// A row of a lookup table.
type LookupTuple = (i64, Option<String>, Option<String>, Option<String>);

pub(super) struct Mysql {
    conn: Conn,
}

fn error(what: &str) -> impl Fn(mysql::Error) -> Error + '_ {
    move |e| Error::new(format!("cannot read {what}: {e}"))
}

impl Mysql {
    pub(super) fn connect(url: &DatabaseUrl) -> Result<Self, Error> {
        // The client knows the `mysql://` scheme only; MariaDB speaks the same protocol.
        let raw = url.as_str();
        let raw = match raw.split_once("://") {
            Some((_, rest)) => format!("mysql://{rest}"),
            None => raw.to_owned(),
        };
        let opts = Opts::from_url(&raw)
            .map_err(|e| Error::new(format!("invalid database url `{url}`: {e}")))?;
        if opts.get_db_name().is_none() {
            return Err(Error::new(format!(
                "the url `{url}` names no database: add `/DATABASE` to it"
            )));
        }
        let mut conn =
            Conn::new(opts).map_err(|e| Error::new(format!("cannot connect to `{url}`: {e}")))?;
        conn.query_drop("START TRANSACTION READ ONLY")
            .map_err(error("the database (starting a read-only transaction)"))?;
        Ok(Mysql { conn })
    }

    pub(super) fn finish(mut self) -> Result<(), Error> {
        self.conn
            .query_drop("ROLLBACK")
            .map_err(error("the database (rolling back)"))
    }
}

impl Catalog for Mysql {
    fn dialect(&self) -> Dialect {
        Dialect::Mysql
    }

    fn backend(&self) -> Backend {
        Backend::Mysql
    }

    fn notes(&self) -> Vec<String> {
        vec!["mysql: no alignment padding (InnoDB stores columns unaligned) and no predicate checks (the expression translator is PostgreSQL's)".to_owned()]
    }

    fn columns(&mut self, table: &str) -> Result<Option<Vec<Column>>, Error> {
        let what = format!("table `{table}`");
        let rows: Vec<ColumnRow> = self
            .conn
            .exec(include_str!("mysql/columns.sql"), (table,))
            .map_err(error(&what))?;
        let columns: Vec<Column> = rows
            .into_iter()
            .map(|(name, data_type, column_type, default, comment)| Column {
                name,
                class: match data_type.to_ascii_lowercase().as_str() {
                    "smallint" => TypeClass::Smallint,
                    "tinyint" | "mediumint" | "int" | "integer" | "bigint" => TypeClass::Integer,
                    "enum" => TypeClass::NativeEnum,
                    _ => TypeClass::Other,
                },
                shown_type: column_type,
                default,
                comment: comment.filter(|c| !c.is_empty()),
            })
            .collect();
        Ok(if columns.is_empty() {
            None
        } else {
            Some(columns)
        })
    }

    fn constraints(&mut self, table: &str) -> Result<Vec<Constraint>, Error> {
        let what = format!("the constraints of `{table}`");
        let checks: Vec<(String, String)> = self
            .conn
            .exec(include_str!("mysql/checks.sql"), (table,))
            .map_err(error(&what))?;
        let columns: Vec<String> = self
            .columns(table)?
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.name)
            .collect();
        let mut out = Vec::new();
        for (name, clause) in checks {
            // information_schema gives a CHECK's text, not its columns; both servers write
            // column names in backquotes there.
            for col in &columns {
                if clause.contains(&format!("`{col}`")) {
                    out.push(Constraint {
                        column: col.clone(),
                        name: name.clone(),
                        foreign_key: false,
                        definition: format!("CHECK ({clause})"),
                    });
                }
            }
        }
        let fks: Vec<(String, String, String, String)> = self
            .conn
            .exec(include_str!("mysql/foreign_keys.sql"), (table,))
            .map_err(error(&what))?;
        for (name, column, to_table, to_column) in fks {
            out.push(Constraint {
                definition: format!(
                    "FOREIGN KEY (`{column}`) REFERENCES `{to_table}` (`{to_column}`)"
                ),
                column,
                name,
                foreign_key: true,
            });
        }
        Ok(out)
    }

    fn group(
        &mut self,
        table: &str,
        column: &str,
        integer: bool,
        known: &[String],
    ) -> Result<Vec<(String, u64)>, Error> {
        let what = format!("the values of `{table}`.`{column}`");
        let col = ident(Dialect::Mysql, column);
        let list: Vec<String> = if integer {
            known.to_vec()
        } else {
            known.iter().map(|k| literal(Dialect::Mysql, k)).collect()
        };
        // BINARY: the collation would otherwise match `Pending` to `pending`; the spelling
        // rule (exact, then case-insensitive where unambiguous) is applied afterwards.
        let (left, list) = if integer {
            (col.clone(), list.join(", "))
        } else {
            (
                format!("BINARY {col}"),
                list.iter()
                    .map(|l| format!("BINARY {l}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
        };
        let sql = format!(
            "SELECT CAST({col} AS CHAR), COUNT(*) FROM {} WHERE {col} IS NOT NULL AND {left} NOT IN ({list}) GROUP BY {left}",
            ident(Dialect::Mysql, table),
        );
        let rows: Vec<(String, u64)> = self.conn.query(sql).map_err(error(&what))?;
        Ok(rows)
    }

    fn lookup_rows(&mut self, table: &str) -> Result<Vec<LookupRow>, Error> {
        let what = format!("lookup table `{table}`");
        let sql = format!(
            "SELECT CAST(`value` AS SIGNED), `name`, `description`, `deprecated` FROM {} ORDER BY 1",
            ident(Dialect::Mysql, table)
        );
        let rows: Vec<LookupTuple> = self.conn.query(sql).map_err(error(&what))?;
        Ok(rows
            .into_iter()
            .map(|(value, name, description, deprecated)| LookupRow {
                value,
                name,
                description,
                deprecated,
            })
            .collect())
    }

    fn drop_constraint(&self, table: &str, c: &Constraint) -> String {
        format!(
            "ALTER TABLE {} DROP {} {};",
            ident(Dialect::Mysql, table),
            if c.foreign_key {
                "FOREIGN KEY"
            } else {
                "CONSTRAINT"
            },
            ident(Dialect::Mysql, &c.name)
        )
    }
}
