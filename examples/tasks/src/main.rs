//! The example application of gb-enums: automated tasks whose status, priority and execution
//! mode are SMALLINT columns, read and written through Diesel as Rust enums generated from
//! the repository's `schema.toml`.
//!
//! ```text
//! cargo run -p gb-enums-example                       # SQLite in memory, nothing to install
//! DATABASE_URL=postgres://postgres@127.0.0.1/test \
//!     cargo run -p gb-enums-example --features postgres
//! ```
//!
//! It creates the tables (in a schema of its own on PostgreSQL, dropped and recreated on each
//! run), the lookup tables and the partial index of active tasks, inserts a few thousand
//! tasks, lists the active ones through the typed DSL, counts tasks per status, and moves
//! one task through its lifecycle.

mod db;
mod report;

use std::process::ExitCode;

use diesel::dsl::count_star;
use diesel::prelude::*;
use gb_enums::GbEnum;

use crate::db::{debug_sql, on_db, Db};
use crate::report::Table;

// Every enum of the nearest schema.toml: the repository's, two directories up.
gb_enums::registry!();

diesel::table! {
    /// The reference document's `auto_tasks`. `created_at` is left out: the database fills it
    /// and this example does not read it.
    auto_tasks (id) {
        id -> BigInt,
        status -> SmallInt,
        priority -> SmallInt,
        execution_mode -> SmallInt,
        title -> Text,
    }
}

diesel::table! {
    task_approvals (id) {
        id -> BigInt,
        task_id -> BigInt,
        status -> SmallInt,
    }
}

/// A row of `auto_tasks`, loaded with its enums typed.
#[derive(Queryable, Selectable)]
#[diesel(table_name = auto_tasks)]
struct Task {
    id: i64,
    title: String,
    status: TaskStatus,
    priority: TaskPriority,
    execution_mode: ExecutionMode,
}

/// A task to insert; the enums are written as their numbers.
#[derive(Insertable)]
#[diesel(table_name = auto_tasks)]
struct NewTask {
    title: String,
    status: TaskStatus,
    priority: TaskPriority,
    execution_mode: ExecutionMode,
}

/// A change to a task: `None` leaves a column as it is.
#[derive(AsChangeset, Default)]
#[diesel(table_name = auto_tasks)]
struct TaskChange {
    status: Option<TaskStatus>,
    priority: Option<TaskPriority>,
}

const USAGE: &str = "\
usage: gb-enums-example [--database-url URL] [--tasks N] [--schema NAME]

  --database-url URL  postgres://... (build with --features postgres) or a SQLite file;
                      default: $DATABASE_URL, else SQLite in memory
  --tasks N           how many tasks to insert (default 5000)
  --schema NAME       the PostgreSQL schema the example owns, dropped and recreated
                      (default gb_enums_example)";

struct Options {
    database_url: Option<String>,
    tasks: usize,
    schema: String,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        database_url: std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()),
        tasks: 5000,
        schema: "gb_enums_example".to_owned(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("`{name}` needs a value"));
        match arg.as_str() {
            "--database-url" => options.database_url = Some(value("--database-url")?),
            "--tasks" => {
                let n = value("--tasks")?;
                options.tasks = n
                    .parse()
                    .map_err(|_| format!("`--tasks` takes a number, not `{n}`"))?;
            }
            "--schema" => options.schema = value("--schema")?,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), Box<dyn std::error::Error>> {
    let mut db = Db::open(options.database_url.as_deref(), &options.schema)?;
    println!("database: {}", db.describe());
    db.create_schema()?;
    println!("schema: auto_tasks, task_approvals, {} lookup tables enum_*, partial index of active tasks", 12);

    let inserted = insert_tasks(&mut db, options.tasks)?;
    println!("inserted {inserted} tasks\n");

    print_counts(&mut db)?;
    print_active(&mut db)?;
    lifecycle(&mut db)?;
    Ok(())
}

/// A deterministic, skewed mix of every status, priority and mode (most tasks are done, as
/// in a real queue), so that every run prints the same report.
fn sample_task(i: usize) -> NewTask {
    const TITLES: [&str; 8] = [
        "Send the weekly report",
        "Summarize the support inbox",
        "Sync the CRM contacts",
        "Draft the release notes",
        "Reindex the knowledge base",
        "Answer the pricing question",
        "Archive old conversations",
        "Check the nightly backup",
    ];
    // Weights per value, in registry order; each list sums to 100.
    const STATUS: [u64; 8] = [8, 5, 4, 2, 3, 60, 10, 8];
    const PRIORITY: [u64; 5] = [20, 50, 20, 7, 3];
    const MODE: [u64; 3] = [20, 60, 20];
    fn pick<E: GbEnum>(weights: &[u64], roll: u64) -> E {
        let mut roll = roll % 100;
        for (e, w) in E::ALL.iter().zip(weights) {
            if roll < *w {
                return *e;
            }
            roll -= w;
        }
        E::ALL[0]
    }
    // A multiplicative hash spreads consecutive ids over the weights.
    let h = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    NewTask {
        title: format!("{} #{}", TITLES[i % TITLES.len()], i + 1),
        status: pick(&STATUS, h >> 40),
        priority: pick(&PRIORITY, (h >> 20) & 0xFFFFF),
        execution_mode: pick(&MODE, h & 0xFFFFF),
    }
}

fn insert_tasks(db: &mut Db, n: usize) -> QueryResult<usize> {
    let tasks: Vec<NewTask> = (0..n).map(sample_task).collect();
    on_db!(db, conn => conn.transaction(|conn| {
        let mut inserted = 0;
        // Well under every backend's limit of bind parameters per statement.
        for chunk in tasks.chunks(500) {
            inserted += diesel::insert_into(auto_tasks::table).values(chunk).execute(conn)?;
        }
        Ok(inserted)
    }))
}

fn print_counts(db: &mut Db) -> QueryResult<()> {
    let counts: Vec<(TaskStatus, i64)> = on_db!(db, conn => auto_tasks::table
        .group_by(auto_tasks::status)
        .select((auto_tasks::status, count_star()))
        .order_by(auto_tasks::status)
        .load(conn))?;

    println!("Tasks per status");
    let mut table = Table::new(&["value", "status", "tasks", "description"]);
    let mut total = 0;
    for status in TaskStatus::ALL {
        let n = counts
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, n)| *n);
        total += n;
        table.row([
            status.value().to_string(),
            status.to_string(),
            n.to_string(),
            status.description().to_owned(),
        ]);
    }
    table.row([
        String::new(),
        "total".to_owned(),
        total.to_string(),
        String::new(),
    ]);
    table.print();
    println!();
    Ok(())
}

fn print_active(db: &mut Db) -> QueryResult<()> {
    // `status < completed`: the enum binds as its number, so the partial index
    // `WHERE status < 5` serves this query.
    let active = auto_tasks::table.filter(auto_tasks::status.lt(TaskStatus::Completed));
    println!(
        "sql: {}",
        on_db!(db, conn => debug_sql(conn, &active.select(auto_tasks::id)))
    );
    let count: i64 = on_db!(db, conn => active.count().get_result(conn))?;
    let urgent: i64 = on_db!(db, conn => active
        .filter(auto_tasks::priority.eq_any([TaskPriority::Urgent, TaskPriority::Critical]))
        .count()
        .get_result(conn))?;
    let first: Vec<Task> = on_db!(db, conn => active
        .filter(auto_tasks::priority.ge(TaskPriority::High))
        .filter(auto_tasks::status.ne(TaskStatus::Paused))
        .order_by((auto_tasks::priority.desc(), auto_tasks::status.desc(), auto_tasks::id))
        .limit(8)
        .select(Task::as_select())
        .load(conn))?;

    println!("Active tasks (status < completed): {count}, of which urgent or critical: {urgent}");
    println!("The most urgent of them, furthest along first, paused ones left out:");
    let mut table = Table::new(&["id", "title", "status", "priority", "mode"]);
    for task in &first {
        table.row([
            task.id.to_string(),
            task.title.clone(),
            task.status.to_string(),
            task.priority.to_string(),
            task.execution_mode.to_string(),
        ]);
    }
    table.print();
    println!();
    Ok(())
}

/// Moves the most urgent pending task from `pending` to `completed`, through an approval.
fn lifecycle(db: &mut Db) -> QueryResult<()> {
    let task: Task = on_db!(db, conn => auto_tasks::table
        .filter(auto_tasks::status.eq(TaskStatus::Pending))
        .order_by((auto_tasks::priority.desc(), auto_tasks::id))
        .select(Task::as_select())
        .first(conn))?;
    println!(
        "Lifecycle of task {} \"{}\" ({} priority)",
        task.id, task.title, task.priority
    );
    let mut table = Table::new(&["step", "status", "stored", "approval"]);
    let mut step = |db: &mut Db, approval: Option<ApprovalStatus>| -> QueryResult<()> {
        // Read back from the database, not from what was written.
        let (status, stored): (TaskStatus, i16) = on_db!(db, conn => auto_tasks::table
            .find(task.id)
            .select((auto_tasks::status, auto_tasks::status))
            .first(conn))?;
        let n = table.len() + 1;
        table.row([
            n.to_string(),
            status.to_string(),
            stored.to_string(),
            approval.map_or("-".to_owned(), |a| a.to_string()),
        ]);
        Ok(())
    };
    let set = |db: &mut Db, change: TaskChange| -> QueryResult<usize> {
        on_db!(db, conn => diesel::update(auto_tasks::table.find(task.id)).set(&change).execute(conn))
    };

    step(db, None)?;
    for status in [
        TaskStatus::Ready,
        TaskStatus::Running,
        TaskStatus::WaitingApproval,
    ] {
        set(
            db,
            TaskChange {
                status: Some(status),
                ..TaskChange::default()
            },
        )?;
        if status == TaskStatus::WaitingApproval {
            on_db!(db, conn => diesel::insert_into(task_approvals::table)
                .values((task_approvals::task_id.eq(task.id), task_approvals::status.eq(ApprovalStatus::Pending)))
                .execute(conn))?;
        }
        let approval = approval_of(db, task.id)?;
        step(db, approval)?;
    }
    on_db!(db, conn => diesel::update(task_approvals::table)
        .filter(task_approvals::task_id.eq(task.id))
        .filter(task_approvals::status.eq(ApprovalStatus::Pending))
        .set(task_approvals::status.eq(ApprovalStatus::Approved))
        .execute(conn))?;
    for status in [TaskStatus::Running, TaskStatus::Completed] {
        set(
            db,
            TaskChange {
                status: Some(status),
                ..TaskChange::default()
            },
        )?;
        let approval = approval_of(db, task.id)?;
        step(db, approval)?;
    }
    table.print();
    Ok(())
}

fn approval_of(db: &mut Db, task_id: i64) -> QueryResult<Option<ApprovalStatus>> {
    on_db!(db, conn => task_approvals::table
        .filter(task_approvals::task_id.eq(task_id))
        .select(task_approvals::status)
        .first(conn)
        .optional())
}
