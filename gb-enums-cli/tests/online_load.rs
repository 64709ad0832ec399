//! `gb-enums migrate --online` under load: a writer doing 200 single-row inserts per second
//! (strings before the swap; numbers once the server refuses strings, as the new application
//! version would) and a reader doing 50 primary-key selects per second run for the whole
//! conversion, up and then down. Every acknowledged insert must be there exactly once, and
//! neither may see an error other than the one type change it was written for.
//!
//! In `cargo test` the table is CI-sized (`ONLINE_LOAD_ROWS`, default 20,000) and nothing is
//! timed; `benches/scripts/online_load.sh` runs it with 1,000,000 rows and
//! `ONLINE_LOAD_OFFLINE=1`, which also runs the offline migration (`gb-enums migrate
//! --dialect postgres`) on an identical table under the same load, and prints the latencies
//! (max and p99) and times recorded in BENCHMARKS.md. `ONLINE_LOAD_BATCH` sets the online
//! up's `--batch-size` (default 5,000), `ONLINE_LOAD_WAL_RATE` its `--max-wal-rate` (MB/s;
//! none by default).

mod online_support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use online_support::*;

struct Measured {
    label: String,
    seconds: f64,
    load: LoadReport,
    reads: Latencies,
    lost: u64,
    duplicated: u64,
}

/// Runs `convert` while the load runs on `table`, with a second of load before and after.
fn under_load(
    c: &mut postgres::Client,
    url: &str,
    table: &str,
    rows: u64,
    numbers_first: bool,
    label: &str,
    convert: impl FnOnce(),
) -> Measured {
    let stop = Arc::new(AtomicBool::new(false));
    let (writer, reader) = start_load(url, table, rows, 200, 50, numbers_first, stop.clone());
    std::thread::sleep(Duration::from_secs(1));
    let started = Instant::now();
    convert();
    let seconds = started.elapsed().as_secs_f64();
    std::thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::SeqCst);
    let mut load = writer.join().unwrap();
    let read = reader.join().unwrap();
    load.errors.extend(read.errors);
    let (lost, duplicated) = lost_and_duplicated(c, table, &load.acknowledged);
    Measured {
        label: label.to_owned(),
        seconds,
        reads: read.reads,
        load,
        lost,
        duplicated,
    }
}

fn line(m: &Measured) -> String {
    format!(
        "| {} | {:.1} s | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms | {} | {} | {} |",
        m.label,
        m.seconds,
        m.load.writes.max_ms(),
        m.load.writes.p99_ms(),
        m.reads.max_ms(),
        m.reads.p99_ms(),
        m.load.acknowledged.len(),
        m.lost,
        m.duplicated
    )
}

fn check(m: &Measured) {
    assert!(
        m.load.errors.is_empty(),
        "{}: the load saw errors: {:?}",
        m.label,
        &m.load.errors[..m.load.errors.len().min(5)]
    );
    assert_eq!(
        (m.lost, m.duplicated),
        (0, 0),
        "{}: rows lost or duplicated",
        m.label
    );
    assert!(!m.load.acknowledged.is_empty() && !m.reads.0.is_empty());
    assert_eq!(
        m.load.switched, 1,
        "{}: the writer saw the type change once",
        m.label
    );
}

#[test]
fn online_conversion_under_load_loses_no_row() {
    let rows: u64 = std::env::var("ONLINE_LOAD_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let offline = std::env::var("ONLINE_LOAD_OFFLINE").is_ok_and(|v| v == "1");
    let batch = std::env::var("ONLINE_LOAD_BATCH").unwrap_or_else(|_| "5000".to_owned());
    let wal_rate = std::env::var("ONLINE_LOAD_WAL_RATE").ok();
    let Some((mut c, schema)) = schema("load") else {
        return;
    };
    let url = url_in_schema(&schema);
    let reg = registry(&["tasks_online", "tasks_offline"]);
    create_table(&mut c, "tasks_online", rows);
    let mut results = Vec::new();
    // The noise floor of this machine: the same load, no conversion, measured before, between
    // and after the conversions (interleaved), since the machine's load changes during a run.
    let idle = |c: &mut postgres::Client, results: &mut Vec<Measured>, when: &str| {
        let m = under_load(
            c,
            &url,
            "tasks_online",
            rows,
            when == "after up",
            &format!("no conversion (5 s, {when})"),
            || std::thread::sleep(Duration::from_secs(5)),
        );
        assert!(
            m.load.errors.is_empty() && m.lost == 0 && m.duplicated == 0,
            "{:?}",
            m.load.errors
        );
        results.push(m);
    };
    idle(&mut c, &mut results, "before up");
    let up = under_load(
        &mut c,
        &url,
        "tasks_online",
        rows,
        false,
        "online up",
        || {
            let mut args = vec!["--batch-size", &batch];
            if let Some(rate) = &wal_rate {
                args.extend(["--max-wal-rate", rate]);
            }
            args.push("tasks_online");
            let o = online(reg.path(), std::slice::from_ref(&url), &args);
            print!("{}{}", assert_ok(&o), String::from_utf8_lossy(&o.stderr));
        },
    );
    check(&up);
    assert_eq!(
        value(&mut c, "SELECT count(*) FROM tasks_online WHERE status IS NULL OR (priority IS NULL) <> (gb_enums_priority IS NULL)"),
        "0"
    );
    results.push(up);
    idle(&mut c, &mut results, "after up");
    let down = under_load(
        &mut c,
        &url,
        "tasks_online",
        rows,
        true,
        "online down",
        || {
            let o = online(
                reg.path(),
                std::slice::from_ref(&url),
                &["--down", "tasks_online"],
            );
            print!("{}{}", assert_ok(&o), String::from_utf8_lossy(&o.stderr));
        },
    );
    check(&down);
    assert_eq!(
        value(&mut c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tasks_online'::regclass AND attname = 'status'"),
        "character varying(20)"
    );
    results.push(down);
    idle(&mut c, &mut results, "after down");

    if offline {
        create_table(&mut c, "tasks_offline", rows);
        for (direction, numbers_first, label) in
            [("up", false, "offline up"), ("down", true, "offline down")]
        {
            let mut args = vec!["migrate", "--dialect", "postgres", "tasks_offline"];
            if direction == "down" {
                args.push("--down");
            }
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_gb-enums"))
                .args(&args)
                .arg("--registry")
                .arg(reg.path().join("schema.toml"))
                .output()
                .unwrap();
            let sql = assert_ok(&out);
            let mut m = connect(&url).unwrap();
            let measured = under_load(
                &mut c,
                &url,
                "tasks_offline",
                rows,
                numbers_first,
                label,
                || {
                    m.batch_execute(&sql).unwrap();
                },
            );
            results.push(measured);
        }
    }
    for m in &results {
        println!(
            "{}: writes over 60 ms (ms, ended at): {:?}",
            m.label, m.load.writes.1
        );
    }
    println!(
        "rows: {rows}, --batch-size {batch}, --max-wal-rate {}",
        wal_rate.as_deref().unwrap_or("(none)")
    );
    println!("| conversion | time | writer max | writer p99 | reader max | reader p99 | inserts | lost | duplicated |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for m in &results {
        println!("{}", line(m));
    }
}
