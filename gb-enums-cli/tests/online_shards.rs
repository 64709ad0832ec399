//! Three shards of one schema converted by one `gb-enums migrate --online` command
//! (`--database-url` three times, `--jobs 2`), the third through a PgBouncer in transaction
//! pooling mode started by this test (Debian's `pgbouncer`, installed by
//! `.ci/services.d/pgbouncer.sh`; as `nobody` when the test runs as root, which PgBouncer
//! refuses). A writer goes through the same PgBouncer during the conversion, so that the
//! command's transactions land on different server connections: anything kept in the session
//! between two transactions (a prepared statement, a temporary function, a `SET`) would fail.

mod online_support;

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use online_support::*;

struct Bouncer(Child);

impl Drop for Bouncer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn pgbouncer(dir: &std::path::Path, database: &str) -> Option<(Bouncer, u16)> {
    let binary = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists());
    let Some(binary) = binary else {
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        assert!(
            !ci,
            "pgbouncer is not installed with CI=true (see .ci/services.d/pgbouncer.sh)"
        );
        eprintln!("skipped: pgbouncer is not installed (apt-get install pgbouncer)");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = base_url();
    let host_port = base
        .split('@')
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or("127.0.0.1:5432");
    let (host, server_port) = host_port.split_once(':').unwrap_or((host_port, "5432"));
    let config = dir.join("pgbouncer.ini");
    std::fs::write(
        &config,
        format!(
            "[databases]\n{database} = host={host} port={server_port} dbname={database} user=postgres\n\
             [pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n\
             auth_type = any\npool_mode = transaction\ndefault_pool_size = 3\nmax_client_conn = 20\n\
             server_reset_query =\nignore_startup_parameters = extra_float_digits\n"
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            binary,
        ]);
        c
    } else {
        Command::new(binary)
    };
    let child = cmd
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let bouncer = Bouncer(child);
    let until = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < until,
            "pgbouncer did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Some((bouncer, port))
}

#[test]
fn three_shards_one_through_pgbouncer_in_transaction_mode() {
    let Some(mut admin) = connect(&base_url()) else {
        return;
    };
    let shards: Vec<String> = (1..=3)
        .map(|i| format!("{}_shard{i}", database_name()))
        .collect();
    for s in &shards {
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {s} WITH (FORCE)"))
            .unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {s}"))
            .unwrap();
        let mut c = connect(&url_of_database(s)).unwrap();
        create_table(&mut c, "tasks", 20_000);
    }
    let dir = tempfile::tempdir().unwrap();
    let Some((bouncer, port)) = pgbouncer(dir.path(), &shards[2]) else {
        return;
    };
    let through_bouncer = format!("postgres://postgres@127.0.0.1:{port}/{}", shards[2]);
    let mut check = connect(&through_bouncer).unwrap();
    assert_eq!(value(&mut check, "SELECT count(*) FROM tasks"), "20000");

    let stop = Arc::new(AtomicBool::new(false));
    let (writer, reader) = start_load(
        &through_bouncer,
        "tasks",
        20_000,
        100,
        20,
        false,
        stop.clone(),
    );
    // As in online_load.rs: the writer runs a second before and after the conversion, so
    // that it writes strings before the swap and meets the swap at least once after it (a
    // 20,000-row conversion can end before its next insert).
    std::thread::sleep(std::time::Duration::from_secs(1));
    let reg = registry(&["tasks"]);
    let urls = vec![
        url_of_database(&shards[0]),
        url_of_database(&shards[1]),
        through_bouncer.clone(),
    ];
    let out = online(reg.path(), &urls, &["--jobs", "2"]);
    std::thread::sleep(std::time::Duration::from_secs(1));
    stop.store(true, Ordering::SeqCst);
    let (w, r) = (writer.join().unwrap(), reader.join().unwrap());
    let stdout = assert_ok(&out);
    assert_eq!(stdout.matches("swapped to SMALLINT").count(), 3, "{stdout}");
    for s in &shards {
        assert!(stdout.contains(&format!("/{s}: 1 table(s)")), "{stdout}");
    }
    assert!(
        w.errors.is_empty() && r.errors.is_empty(),
        "{:?} {:?}",
        w.errors,
        r.errors
    );
    assert_eq!(w.switched, 1);
    let mut direct = connect(&url_of_database(&shards[2])).unwrap();
    assert_eq!(
        lost_and_duplicated(&mut direct, "tasks", &w.acknowledged),
        (0, 0)
    );
    // The same result on every shard.
    let mut snapshots = Vec::new();
    for s in &shards {
        let mut c = connect(&url_of_database(s)).unwrap();
        let mut snap = snapshot(&mut c, "tasks");
        snap.retain(|l| !l.starts_with("rows"));
        snapshots.push(snap);
    }
    assert_eq!(snapshots[0], snapshots[1]);
    assert_eq!(snapshots[0], snapshots[2]);
    assert!(snapshots[0]
        .iter()
        .any(|l| l.contains("(status <> ALL (ARRAY[2, 2, 3]))")));

    // Back down and finalized, through PgBouncer as well.
    assert_ok(&online(reg.path(), &urls, &["--down", "--jobs", "3"]));
    let out = assert_ok(&online(reg.path(), &urls, &["--finalize"]));
    assert_eq!(out.matches("finalized").count(), 3, "{out}");
    assert_eq!(
        value(&mut check, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attname = 'status'"),
        "character varying(20)"
    );
    drop(check);
    drop(direct);
    drop(bouncer);
    for s in &shards {
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {s} WITH (FORCE)"));
    }
}
