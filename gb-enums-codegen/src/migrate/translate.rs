//! The expression translator: one implementation for the offline migration, the online
//! migration and the audit.
//!
//! A CHECK constraint or index that mentions a converted column keeps its meaning only if
//! every comparison of that column with a string becomes a comparison with the string's
//! number, and nothing else changes. The offline migration runs inside PostgreSQL as one `DO`
//! block, with no Rust at run time, so the translator is written once in PL/pgSQL
//! ([`TRANSLATE_SQL`], the file `translate.sql`) and every user runs that same text: the
//! offline migration embeds it, the online migration (`gb-enums-live`) executes it at the
//! start of each of its transactions, and the audit executes it, then
//! `SET TRANSACTION READ ONLY`, and rolls back. The functions live in `pg_temp`, so they are
//! private to the session and vanish with it; because the file only creates them (with
//! `CREATE OR REPLACE`), running it again in the same session, or in every transaction
//! through a transaction-pooling PgBouncer, is harmless.
//!
//! The translator reads PostgreSQL's own deparsed text (`pg_get_constraintdef(oid)`,
//! `pg_get_expr(indpred, indrelid)`, `pg_get_indexdef(indexrelid, k, false)`), never text a
//! user typed: the deparser puts every operator expression in parentheses and writes every
//! constant with its type, so a tokenizer and a few patterns recognise each comparison
//! exactly, whatever the user's spelling was (`IN`, `NOT IN`, `= ANY`, `CASE`, ...).
//!
//! # Functions
//!
//! All are in `pg_temp`; call them as `pg_temp.name(...)`.
//!
//! - `gb_enums_translate(expr text, col text, mapping jsonb, literal_type text DEFAULT NULL)
//!   RETURNS text`: `expr` with each comparison of column `col` with constants rewritten
//!   through `mapping`, an object from each constant as text to what replaces it (a constant
//!   missing from it is looked up again in lower case). Up (`literal_type` NULL): the
//!   constants are strings and become the numbers of the mapping, and the column loses the
//!   deparser's `::text` cast: `((kind)::text = 'ban'::text)` becomes `(kind = 3)`. Down
//!   (`literal_type` a type such as `'text'` or `'public.role_enum'`): the constants are
//!   numbers and become the mapping's spellings as literals of that type: `(kind = 3)`
//!   becomes `(kind = 'ban'::text)`. Translated: `=`, `<>`, `= ANY (...)` and `<> ALL (...)`
//!   (what `IN` and `NOT IN` become), `IS [NOT] DISTINCT FROM`, the `WHEN` constants of a
//!   simple `CASE col WHEN ...`, in either operand order. `IS [NOT] NULL` stays as it is.
//!   Every other use of the column (another cast, a function or operator applied to it,
//!   `LIKE`, `<`, a comparison with another column, a constant that is not in the mapping)
//!   raises `feature_not_supported` (SQLSTATE `0A000`) with a message quoting the fragment,
//!   e.g. ``gb-enums: cannot translate `((kind)::text ~~ 'a%'::text)`: kind is matched
//!   with LIKE``. NULL arguments give `expr` back.
//! - `gb_enums_constants(expr text, col text) RETURNS TABLE (op text, cast_type text,
//!   constant text, kind text, fragment text, problem text)`: for the audit, one row per
//!   constant the column is compared with, whatever the operator (`'='`, `'<'`, `'= ANY'`,
//!   `'CASE'`, `'IS DISTINCT FROM'`, ...), with the cast written on the column (`'text'` for
//!   `(status)::text = 'x'::text`, which is how PostgreSQL keeps an index predicate on a
//!   column converted under it), the constant (a string's contents or a number) and its kind
//!   (`'string'`, `'number'` or `'null'`); one row with the op for `IS [NOT] NULL`; and one
//!   row with NULL op, constant and kind plus the `problem` for any other use.
//!   `(status < 9)` gives `('<', NULL, '9', 'number', 'status < 9', NULL)`.
//! - `gb_enums_uses(expr text, col text)`: what both are built on, one row per use of the
//!   column (`op`, `cast_type`, `constants text[]`, `kinds text[]`, `fragment`, `problem`, and
//!   `edits jsonb`, the token spans to rewrite).
//! - `gb_enums_tokens`, `gb_enums_type_end`, `gb_enums_constant`: the tokenizer and its
//!   helpers.
//!
//! ```
//! use gb_enums_codegen::migrate::TRANSLATE_SQL;
//!
//! // What a client runs first in a transaction, before calling the functions.
//! assert!(TRANSLATE_SQL.contains("CREATE OR REPLACE FUNCTION pg_temp.gb_enums_translate("));
//! assert!(TRANSLATE_SQL.contains("CREATE OR REPLACE FUNCTION pg_temp.gb_enums_constants("));
//! // It only creates temporary functions: nothing outside the session changes.
//! assert_eq!(
//!     TRANSLATE_SQL.matches("CREATE OR REPLACE FUNCTION").count(),
//!     TRANSLATE_SQL.matches("CREATE OR REPLACE FUNCTION pg_temp.").count()
//! );
//! ```

/// The SQL that creates the translator's functions in `pg_temp` (see the [module
/// documentation](self) for their signatures). Several statements: run it with a simple
/// query (`batch_execute`), not as one prepared statement.
pub const TRANSLATE_SQL: &str = include_str!("translate.sql");
