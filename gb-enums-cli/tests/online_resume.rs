//! `gb-enums migrate --online` killed mid-way: during the backfill, and during an index build
//! (the command killed and its server backend terminated, which leaves the index that
//! `CREATE INDEX CONCURRENTLY` was building invalid). Running the same command again must
//! finish, and the table must then equal one converted without interruption: column types,
//! defaults, comments, indexes (valid, predicates in numbers), constraints, trigger, and
//! every row's values.

mod online_support;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use online_support::*;

const ROWS: u64 = 100_000;

fn spawn(registry: &std::path::Path, url: &str, table: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_gb-enums"))
        .arg("migrate")
        .arg("--registry")
        .arg(registry.join("schema.toml"))
        .args([
            "--online",
            "--batch-size",
            "1000",
            "--database-url",
            url,
            table,
        ])
        .env_remove("GB_ENUMS_REGISTRY")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Polls `sql` every 2 ms until it returns `t`, for at most a minute.
fn wait_for(c: &mut postgres::Client, sql: &str, child: &mut Child) {
    let until = Instant::now() + Duration::from_secs(60);
    while Instant::now() < until {
        if value(c, sql) == "t" {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the command ended ({status}) before `{sql}` held");
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("`{sql}` never held");
}

/// Kills the command and terminates its server connection.
fn kill(c: &mut postgres::Client, child: &mut Child, application: &str) {
    child.kill().unwrap();
    child.wait().unwrap();
    value(
        c,
        &format!("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{application}'"),
    );
    // The terminated backend is gone once it no longer shows.
    let until = Instant::now() + Duration::from_secs(10);
    while Instant::now() < until
        && value(
            c,
            &format!(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = '{application}'"
            ),
        ) != "0"
    {
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn killed_then_rerun(name: &str, interrupt_when: &str, interrupted_state: &str) {
    let Some((mut c, schema)) = schema(name) else {
        return;
    };
    let killed = format!("{name}_killed");
    let clean = format!("{name}_clean");
    let reg = registry(&[&killed, &clean]);
    create_table(&mut c, &killed, ROWS);
    create_table(&mut c, &clean, ROWS);
    let url = url_in_schema(&schema);
    assert_ok(&online(reg.path(), std::slice::from_ref(&url), &[&clean]));

    let application = format!("gb_enums_kill_{name}");
    let app_url = format!("{url}&application_name={application}");
    let mut child = spawn(reg.path(), &app_url, &killed);
    wait_for(&mut c, &interrupt_when.replace("{t}", &killed), &mut child);
    kill(&mut c, &mut child, &application);
    // Interrupted where intended.
    assert_eq!(
        value(&mut c, &interrupted_state.replace("{t}", &killed)),
        "t",
        "{interrupted_state}"
    );

    // The rerun paces itself on the server's WAL (`--max-wal-rate`): the same result.
    let out = assert_ok(&online(
        reg.path(),
        std::slice::from_ref(&url),
        &["--max-wal-rate", "50", &killed],
    ));
    assert!(out.contains("swapped to SMALLINT"), "{out}");
    let (a, b) = (snapshot(&mut c, &killed), snapshot(&mut c, &clean));
    assert_eq!(a, b);
    // What both must be: numbers, valid indexes whose predicates compare numbers.
    assert!(a.contains(&"column [Some(\"status\"), Some(\"smallint\"), Some(\"t\"), Some(\"0\"), Some(\"lifecycle\")]".to_owned()), "{a:#?}");
    let open = a.iter().find(|l| l.contains("INDEX T_open ")).unwrap();
    assert!(
        open.contains("WHERE (status <> ALL (ARRAY[2, 2, 3]))")
            && open.contains("Some(\"t\"), Some(\"t\")"),
        "{open}"
    );
    assert!(
        a.iter()
            .all(|l| !l.starts_with("index") || l.ends_with("Some(\"t\"), Some(\"t\")]")),
        "{a:#?}"
    );
    assert!(
        a.iter().any(|l| l.contains("T_status_check")
            && l.contains("ARRAY[0, 1, 2, 2, 3]")
            && l.contains("Some(\"t\")]")),
        "{a:#?}"
    );
    assert_eq!(
        value(
            &mut c,
            &format!("SELECT count(*) FROM {killed} WHERE status = 2")
        ),
        (2 * ROWS / 5).to_string()
    );
}

#[test]
fn killed_during_the_backfill_the_rerun_equals_an_uninterrupted_run() {
    killed_then_rerun(
        "kill_backfill",
        "SELECT EXISTS (SELECT 1 FROM gb_enums_online WHERE table_name = '{t}' AND rows_done >= 5000)",
        "SELECT phase = 'started' AND rows_done < 100000 FROM gb_enums_online WHERE table_name = '{t}'",
    );
}

#[test]
fn killed_during_an_index_build_the_rerun_equals_an_uninterrupted_run() {
    killed_then_rerun(
        "kill_index",
        "SELECT EXISTS (SELECT 1 FROM pg_stat_progress_create_index WHERE relid = '{t}'::regclass AND command = 'CREATE INDEX CONCURRENTLY')",
        "SELECT EXISTS (SELECT 1 FROM pg_index WHERE indrelid = '{t}'::regclass AND NOT indisvalid)",
    );
}
