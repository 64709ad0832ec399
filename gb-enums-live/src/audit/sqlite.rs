//! The audit of a SQLite file, opened read-only.

use gb_enums_codegen::sql_quote::{ident, literal};
use gb_enums_codegen::Dialect;
use rusqlite::{Connection, OpenFlags};

use super::lookup_rows::LookupRow;
use super::simple::{Catalog, Column, Constraint, TypeClass};
use crate::connection::{Backend, DatabaseUrl, Error};

pub(super) struct Sqlite {
    conn: Connection,
}

fn error(what: &str) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::new(format!("cannot read {what}: {e}"))
}

impl Sqlite {
    /// Opens the file of `url` read-only: a missing file is an error, never a new database.
    pub(super) fn open(url: &DatabaseUrl) -> Result<Self, Error> {
        let path = url.sqlite_path().unwrap_or_default();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::new(format!("cannot open `{url}`: {e}")))?;
        // One read transaction: every query sees the same snapshot.
        conn.execute_batch("BEGIN")
            .map_err(|e| Error::new(format!("cannot open `{url}`: {e}")))?;
        Ok(Sqlite { conn })
    }

    pub(super) fn finish(self) -> Result<(), Error> {
        self.conn
            .execute_batch("ROLLBACK")
            .map_err(|e| Error::new(format!("cannot roll back: {e}")))
    }
}

/// SQLite's type affinity rules (section 3.1 of its datatype page), narrowed to what the
/// audit needs: SMALLINT and INT2 are what Diesel's `SmallInt` declares.
fn class(declared: &str) -> TypeClass {
    let t = declared.to_ascii_uppercase();
    if t == "SMALLINT" || t == "INT2" {
        TypeClass::Smallint
    } else if t.contains("INT") {
        TypeClass::Integer
    } else {
        TypeClass::Other
    }
}

impl Catalog for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    fn notes(&self) -> Vec<String> {
        vec!["sqlite: no column comments, no catalog of CHECK constraints, no alignment padding, and no predicate checks (the expression translator is PostgreSQL's)".to_owned()]
    }

    fn columns(&mut self, table: &str) -> Result<Option<Vec<Column>>, Error> {
        let what = format!("table `{table}`");
        let mut stmt = self
            .conn
            .prepare("SELECT name, type, dflt_value FROM pragma_table_info(?1) ORDER BY cid")
            .map_err(error(&what))?;
        let columns: Vec<Column> = stmt
            .query_map([table], |r| {
                let declared: String = r.get(1)?;
                Ok(Column {
                    name: r.get(0)?,
                    class: class(&declared),
                    shown_type: if declared.is_empty() {
                        "no declared type".to_owned()
                    } else {
                        declared
                    },
                    default: r.get(2)?,
                    comment: None,
                })
            })
            .map_err(error(&what))?
            .collect::<Result<_, _>>()
            .map_err(error(&what))?;
        Ok(if columns.is_empty() {
            None
        } else {
            Some(columns)
        })
    }

    fn constraints(&mut self, table: &str) -> Result<Vec<Constraint>, Error> {
        let what = format!("the foreign keys of `{table}`");
        let mut stmt = self
            .conn
            .prepare("SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq")
            .map_err(error(&what))?;
        let rows = stmt
            .query_map([table], |r| {
                let id: i64 = r.get(0)?;
                let from: String = r.get(1)?;
                let to_table: String = r.get(2)?;
                let to: Option<String> = r.get(3)?;
                Ok(Constraint {
                    column: from.clone(),
                    name: format!("foreign key #{id}"),
                    foreign_key: true,
                    definition: format!(
                        "FOREIGN KEY ({from}) REFERENCES {to_table}({})",
                        to.unwrap_or_default()
                    ),
                })
            })
            .map_err(error(&what))?
            .collect::<Result<_, _>>()
            .map_err(error(&what))?;
        Ok(rows)
    }

    fn group(
        &mut self,
        table: &str,
        column: &str,
        integer: bool,
        known: &[String],
    ) -> Result<Vec<(String, u64)>, Error> {
        let what = format!("the values of `{table}`.`{column}`");
        let col = ident(Dialect::Sqlite, column);
        let list: Vec<String> = if integer {
            known.to_vec()
        } else {
            known.iter().map(|k| literal(Dialect::Sqlite, k)).collect()
        };
        // SQLite stores whatever it is given: a text in a SMALLINT column is an unknown value
        // too, hence the comparison on the stored value, then CAST for display.
        let sql = format!(
            "SELECT CAST({col} AS TEXT), count(*) FROM {} WHERE {col} IS NOT NULL AND {col} NOT IN ({}) GROUP BY {col}",
            ident(Dialect::Sqlite, table),
            list.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(error(&what))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .map_err(error(&what))?
            .map(|r| r.map(|(v, n)| (v, u64::try_from(n).unwrap_or(0))))
            .collect::<Result<_, _>>()
            .map_err(error(&what))?;
        Ok(rows)
    }

    fn lookup_rows(&mut self, table: &str) -> Result<Vec<LookupRow>, Error> {
        let what = format!("lookup table `{table}`");
        let sql = format!(
            "SELECT CAST(value AS INTEGER), CAST(name AS TEXT), CAST(description AS TEXT), CAST(deprecated AS TEXT) FROM {} ORDER BY 1",
            ident(Dialect::Sqlite, table)
        );
        let mut stmt = self.conn.prepare(&sql).map_err(error(&what))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(LookupRow {
                    value: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    deprecated: r.get(3)?,
                })
            })
            .map_err(error(&what))?
            .collect::<Result<_, _>>()
            .map_err(error(&what))?;
        Ok(rows)
    }

    fn drop_constraint(&self, table: &str, _c: &Constraint) -> String {
        format!("recreate `{table}` without it (SQLite cannot drop a constraint in place)")
    }
}
