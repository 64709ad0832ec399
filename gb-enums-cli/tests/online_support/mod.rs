//! Shared by the tests of `gb-enums migrate --online`: a schema of its own per test (passed to
//! the command through the URL's `options`), the registry of the test tables, a table
//! generator, a snapshot of a table (catalog and rows) to compare two runs, and the load
//! (a writer and a reader) that runs during a conversion.
#![allow(dead_code)]

use std::io::Write as _;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use postgres::{Client, NoTls, SimpleQueryMessage};

/// The server's URL (`DATABASE_URL`, default `postgres://postgres@127.0.0.1:5432/test`).
pub fn base_url() -> String {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// `base_url` with another database name.
pub fn url_of_database(db: &str) -> String {
    let base = base_url();
    let (head, _) = base.rsplit_once('/').expect("a database url has a path");
    format!("{head}/{db}")
}

/// The database name of `base_url`.
pub fn database_name() -> String {
    let base = base_url();
    let tail = base.rsplit_once('/').map_or("test", |(_, t)| t);
    tail.split('?').next().unwrap_or("test").to_owned()
}

/// `base_url` working in `schema` (first on the search path).
pub fn url_in_schema(schema: &str) -> String {
    let base = base_url();
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}options=-c%20search_path%3D{schema}")
}

/// A client of `url`; with `CI=true` an unreachable server fails, otherwise `None` (skip).
pub fn connect(url: &str) -> Option<Client> {
    match Client::connect(url, NoTls) {
        Ok(c) => Some(c),
        Err(e) => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "PostgreSQL at {url} is unreachable with CI=true: {e}");
            eprintln!("skipped: PostgreSQL at {url} is unreachable ({e})");
            None
        }
    }
}

/// A fresh schema `gbon_<name>` and a client working in it.
pub fn schema(name: &str) -> Option<(Client, String)> {
    let schema = format!("gbon_{name}");
    let mut c = connect(&base_url())?;
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .unwrap();
    let mut c = connect(&url_in_schema(&schema))?;
    c.batch_execute(&format!("SET search_path = {schema}"))
        .unwrap();
    Some((c, schema))
}

/// Every value of every row of the simple query `sql`, as text.
pub fn rows(c: &mut Client, sql: &str) -> Vec<Vec<Option<String>>> {
    c.simple_query(sql)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .filter_map(|m| match m {
            SimpleQueryMessage::Row(r) => {
                Some((0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect())
            }
            _ => None,
        })
        .collect()
}

/// The first value of `sql`.
pub fn value(c: &mut Client, sql: &str) -> String {
    rows(c, sql)
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next().flatten())
        .unwrap_or_default()
}

/// The registry of the test tables: `status` and `priority` on each of `tables`.
pub fn registry(tables: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        r#"[enums.task_status]
variants = [
  { value = 0, name = "pending" },
  { value = 1, name = "running" },
  { value = 2, name = "completed", aliases = ["DONE"] },
  { value = 3, name = "failed" },
]
[enums.task_priority]
variants = [{ value = 0, name = "low" }, { value = 1, name = "normal" }, { value = 2, name = "high" }]
"#,
    );
    for t in tables {
        text.push_str(&format!(
            "[tables.{t}]\nstatus = {{ enum = \"task_status\", default = \"pending\" }}\npriority = {{ enum = \"task_priority\" }}\n"
        ));
    }
    std::fs::File::create(dir.path().join("schema.toml"))
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    dir
}

/// A table `name` with two enum columns (CHECKs, a default, NOT NULL, a comment), a partial
/// index on strings, an index on both, and `rows` rows (every spelling, NULL priorities).
pub fn create_table(c: &mut Client, name: &str, rows: u64) {
    c.batch_execute(&format!(
        "CREATE TABLE {name} (
           id bigserial PRIMARY KEY,
           status varchar(20) NOT NULL DEFAULT 'pending'
             CONSTRAINT {name}_status_check CHECK (status IN ('pending', 'running', 'completed', 'DONE', 'failed')),
           priority text CONSTRAINT {name}_priority_check CHECK (priority IN ('low', 'normal', 'high')),
           payload text);
         COMMENT ON COLUMN {name}.status IS 'lifecycle';
         CREATE INDEX {name}_open ON {name} (id) WHERE status NOT IN ('completed', 'DONE', 'failed');
         CREATE INDEX {name}_by_priority ON {name} (priority, status);
         INSERT INTO {name} (status, priority, payload)
           SELECT (ARRAY['pending', 'running', 'completed', 'DONE', 'failed'])[1 + i % 5],
                  (ARRAY['low', 'normal', 'high', NULL])[1 + i % 4], 'row ' || i
             FROM generate_series(1, {rows}) AS i;
         ANALYZE {name};"
    ))
    .unwrap();
}

/// Runs `gb-enums migrate --online` with `args` on `urls`.
pub fn online(registry: &std::path::Path, urls: &[String], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gb-enums"));
    cmd.arg("migrate")
        .arg("--registry")
        .arg(registry.join("schema.toml"))
        .arg("--online");
    for u in urls {
        cmd.arg("--database-url").arg(u);
    }
    cmd.args(args).env_remove("GB_ENUMS_REGISTRY");
    cmd.output().unwrap()
}

/// Asserts a command succeeded, showing its output otherwise.
pub fn assert_ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "exit {:?}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// What a conversion must leave the same, whatever happened on the way: the columns (name,
/// type, NOT NULL, default, comment), the indexes (definition, valid), the constraints
/// (definition, validated), the trigger, and a digest of every row's values. Names of the
/// table are replaced by `T`, so that two tables can be compared.
pub fn snapshot(c: &mut Client, table: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in rows(
        c,
        &format!(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum)
               FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
              WHERE a.attrelid = '{table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname"
        ),
    ) {
        out.push(format!("column {r:?}"));
    }
    for r in rows(
        c,
        &format!(
            "SELECT pg_get_indexdef(x.indexrelid), x.indisvalid, x.indisready FROM pg_index x WHERE x.indrelid = '{table}'::regclass ORDER BY 1"
        ),
    ) {
        out.push(format!("index {r:?}"));
    }
    for r in rows(
        c,
        &format!(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint WHERE conrelid = '{table}'::regclass ORDER BY 1"
        ),
    ) {
        out.push(format!("constraint {r:?}"));
    }
    for r in rows(
        c,
        &format!("SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = '{table}'::regclass AND NOT tgisinternal ORDER BY 1"),
    ) {
        out.push(format!("trigger {r:?}"));
    }
    let cols = value(
        c,
        &format!("SELECT string_agg(quote_ident(attname), ', ' ORDER BY attname) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attnum > 0 AND NOT attisdropped"),
    );
    out.push(format!(
        "rows {}",
        value(
            c,
            &format!("SELECT count(*) || ' ' || md5(string_agg(row({cols})::text, '|' ORDER BY id)) FROM {table}")
        )
    ));
    out.into_iter().map(|s| s.replace(table, "T")).collect()
}

/// The time of day, `HH:MM:SS.mmm` (UTC).
pub fn clock() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    let secs = now.as_secs() % 86_400;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        now.subsec_millis()
    )
}

/// Latencies in microseconds, sorted on demand.
#[derive(Clone, Debug, Default)]
pub struct Latencies(pub Vec<u64>, pub Vec<(u64, String)>);

impl Latencies {
    /// The largest, in ms.
    pub fn max_ms(&self) -> f64 {
        self.0.iter().copied().max().unwrap_or(0) as f64 / 1000.0
    }
    /// The 99th percentile, in ms.
    pub fn p99_ms(&self) -> f64 {
        let mut v = self.0.clone();
        v.sort_unstable();
        if v.is_empty() {
            return 0.0;
        }
        v[(v.len() * 99 / 100).min(v.len() - 1)] as f64 / 1000.0
    }
}

/// What the load saw.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub writes: Latencies,
    pub reads: Latencies,
    /// The `payload` of every insert the server acknowledged.
    pub acknowledged: Vec<String>,
    /// Inserts refused because the column changed type (the writer then switched).
    pub switched: u32,
    /// Other errors, with their messages.
    pub errors: Vec<String>,
}

/// A writer doing `write_rate` single-row inserts per second (strings before the swap, numbers
/// after it, switching when the server refuses the one for the other) and a reader doing
/// `read_rate` primary-key selects per second, until `stop` is set.
pub fn start_load(
    url: &str,
    table: &str,
    max_id: u64,
    write_rate: u32,
    read_rate: u32,
    numbers_first: bool,
    stop: Arc<AtomicBool>,
) -> (
    std::thread::JoinHandle<LoadReport>,
    std::thread::JoinHandle<LoadReport>,
) {
    let (wurl, wtable, wstop) = (url.to_owned(), table.to_owned(), stop.clone());
    let writer = std::thread::spawn(move || {
        let mut c = Client::connect(&wurl, NoTls).unwrap();
        let mut report = LoadReport::default();
        let mut numbers = numbers_first;
        let period = Duration::from_secs_f64(1.0 / f64::from(write_rate));
        let mut next = Instant::now();
        let mut seq = 0u64;
        // Unique across the runs on one table.
        let run = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        while !wstop.load(Ordering::SeqCst) {
            seq += 1;
            let payload = format!("w{run}-{seq}");
            let (s, p) = if numbers {
                ((seq % 4).to_string(), (seq % 3).to_string())
            } else {
                (
                    format!(
                        "'{}'",
                        ["pending", "running", "completed", "failed"][(seq % 4) as usize]
                    ),
                    format!("'{}'", ["low", "normal", "high"][(seq % 3) as usize]),
                )
            };
            let sql = format!(
                "INSERT INTO {wtable} (status, priority, payload) VALUES ({s}, {p}, '{payload}')"
            );
            let t = Instant::now();
            let r = c.simple_query(&sql);
            let took = t.elapsed();
            // Every attempt counts, a refused one too: the application waited for it.
            report.writes.0.push(took.as_micros() as u64);
            if took > Duration::from_millis(60) {
                report.writes.1.push((took.as_millis() as u64, clock()));
            }
            match r {
                Ok(_) => report.acknowledged.push(payload),
                Err(e) => {
                    let msg = e
                        .as_db_error()
                        .map_or_else(|| e.to_string(), |d| d.message().to_owned());
                    // The new application version: the column now takes the other kind.
                    if msg.contains("invalid input syntax for type smallint")
                        || msg.starts_with("gb-enums:")
                    {
                        report.switched += 1;
                        numbers = !numbers;
                        continue;
                    }
                    report.errors.push(msg);
                }
            }
            next += period;
            if let Some(wait) = next.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        report
    });
    let (rurl, rtable) = (url.to_owned(), table.to_owned());
    let reader = std::thread::spawn(move || {
        let mut c = Client::connect(&rurl, NoTls).unwrap();
        let mut report = LoadReport::default();
        let period = Duration::from_secs_f64(1.0 / f64::from(read_rate));
        let mut next = Instant::now();
        let mut i = 0u64;
        while !stop.load(Ordering::SeqCst) {
            i += 1;
            let id = 1 + (i * 7919) % max_id.max(1);
            let t = Instant::now();
            let r = c.simple_query(&format!(
                "SELECT id, status, priority, payload FROM {rtable} WHERE id = {id}"
            ));
            match r {
                Ok(_) => report.reads.0.push(t.elapsed().as_micros() as u64),
                Err(e) => report.errors.push(e.to_string()),
            }
            next += period;
            if let Some(wait) = next.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        report
    });
    (writer, reader)
}

/// Acknowledged inserts missing from the table, and payloads stored more than once.
pub fn lost_and_duplicated(c: &mut Client, table: &str, acknowledged: &[String]) -> (u64, u64) {
    let stored = rows(
        c,
        &format!("SELECT payload, count(*) FROM {table} WHERE payload LIKE 'w%' GROUP BY 1"),
    );
    let mut counts = std::collections::HashMap::new();
    for r in stored {
        counts.insert(
            r[0].clone().unwrap_or_default(),
            r[1].clone().unwrap_or_default().parse::<u64>().unwrap_or(0),
        );
    }
    let lost = acknowledged
        .iter()
        .filter(|p| !counts.contains_key(*p))
        .count() as u64;
    let duplicated = counts.values().filter(|n| **n > 1).count() as u64;
    (lost, duplicated)
}
