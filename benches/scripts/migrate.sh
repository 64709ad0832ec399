#!/usr/bin/env bash
# Time of `gb-enums migrate` (up and down) against its floor, the bare statement a person
# would write by hand on the same table:
#   up:   ALTER TABLE tasks ALTER COLUMN status DROP DEFAULT,
#           ALTER COLUMN status TYPE smallint USING CASE status WHEN 'pending' THEN 0 ... END,
#           ALTER COLUMN status SET DEFAULT 0
#   down: the same back to varchar(20) with CASE status WHEN 0 THEN 'pending' ... END.
# The table: ROWS rows (default "1000000 10000000", each size in turn) of a task table with a
# primary key, an index on the status, a partial index on open tasks, a CHECK restating the
# list and a CHECK mixing the status with another column. The generated migration also
# checks every stored string first, translates the CHECK and the partial index, and records
# the spellings; the bare ALTER does none of that (it drops both CHECKs and keeps the partial
# index with a predicate that is always true, which is why it is only a floor).
#
# Each round builds the table afresh from one copy (CREATE TABLE AS, indexes, VACUUM ANALYZE,
# CHECKPOINT) before each measured statement, and the order of the two alternates between
# rounds (gb-enums first in odd rounds, the bare ALTER first in even ones), so that neither
# always runs on a warmer cache. ROUNDS rounds (default 3); the ratio uses the medians.
# Raw lines (`ROWS ROUND IMPL STEP SECONDS`) go to $CARGO_TARGET_DIR/bench-build/migrate.txt.
#
# Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ROWS="1000000 10000000" ROUNDS=3 \
#          benches/scripts/migrate.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
SIZES="${ROWS:-1000000 10000000}"
ROUNDS="${ROUNDS:-3}"
OUT_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/bench-build"
RAW="$OUT_DIR/migrate.txt"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT_DIR"
: >"$RAW"

psql_q() { psql "$URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

(cd "$ROOT" && cargo build -q -p gb-enums-cli)
GB="${CARGO_TARGET_DIR:-$ROOT/target}/debug/gb-enums"
cat >"$WORK/schema.toml" <<'EOF'
[enums.task_status]
variants = [
  { value = 0, name = "pending" }, { value = 1, name = "ready" }, { value = 2, name = "running" },
  { value = 3, name = "paused" }, { value = 4, name = "waiting_approval" }, { value = 5, name = "completed" },
  { value = 6, name = "failed" }, { value = 7, name = "cancelled" },
]
[tables.tasks]
status = { enum = "task_status", default = "pending" }
EOF
(cd "$WORK" && "$GB" migrate --dialect postgres >up.sql && "$GB" migrate --dialect postgres --down >down.sql)
# The search_path names the bench schema for the migrations.
for f in up down; do
  { echo "SET search_path = gb_enums_bench_migrate;"; cat "$WORK/$f.sql"; } >"$WORK/gb_$f.sql"
done
cat >"$WORK/bare_up.sql" <<'EOF'
SET search_path = gb_enums_bench_migrate;
ALTER TABLE tasks ALTER COLUMN status DROP DEFAULT,
  DROP CONSTRAINT tasks_status_check, DROP CONSTRAINT tasks_started_check,
  ALTER COLUMN status TYPE smallint USING CASE status WHEN 'pending' THEN 0 WHEN 'ready' THEN 1
    WHEN 'running' THEN 2 WHEN 'paused' THEN 3 WHEN 'waiting_approval' THEN 4 WHEN 'completed' THEN 5
    WHEN 'failed' THEN 6 WHEN 'cancelled' THEN 7 END,
  ALTER COLUMN status SET DEFAULT 0;
EOF
cat >"$WORK/bare_down.sql" <<'EOF'
SET search_path = gb_enums_bench_migrate;
ALTER TABLE tasks ALTER COLUMN status DROP DEFAULT,
  ALTER COLUMN status TYPE varchar(20) USING CASE status WHEN 0 THEN 'pending' WHEN 1 THEN 'ready'
    WHEN 2 THEN 'running' WHEN 3 THEN 'paused' WHEN 4 THEN 'waiting_approval' WHEN 5 THEN 'completed'
    WHEN 6 THEN 'failed' WHEN 7 THEN 'cancelled' END,
  ALTER COLUMN status SET DEFAULT 'pending';
EOF

fresh_table() {
  psql_q <<'SQL'
SET client_min_messages = warning;
SET search_path = gb_enums_bench_migrate;
DROP TABLE IF EXISTS tasks, gb_enums_legacy, gb_enums_legacy_text;
CREATE TABLE tasks AS SELECT * FROM src;
ALTER TABLE tasks ADD PRIMARY KEY (id), ALTER COLUMN status SET DEFAULT 'pending',
  ADD CONSTRAINT tasks_status_check CHECK (status IN ('pending', 'ready', 'running', 'paused', 'waiting_approval', 'completed', 'failed', 'cancelled')),
  ADD CONSTRAINT tasks_started_check CHECK (status IN ('pending', 'ready') OR started_at IS NOT NULL);
CREATE INDEX tasks_status_idx ON tasks (status);
CREATE INDEX tasks_open_idx ON tasks (created_at) WHERE status NOT IN ('completed', 'failed', 'cancelled');
VACUUM ANALYZE tasks;
CHECKPOINT;
SQL
}

# timed ROWS ROUND IMPL STEP FILE
timed() {
  local start end
  start=$(date +%s.%N)
  psql_q -f "$5" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$1 $2 $3 $4 $(echo "$end - $start" | bc)" | tee -a "$RAW"
}

run_gb() { fresh_table; timed "$1" "$2" gb-enums up "$WORK/gb_up.sql"; timed "$1" "$2" gb-enums down "$WORK/gb_down.sql"; }
run_bare() { fresh_table; timed "$1" "$2" bare up "$WORK/bare_up.sql"; timed "$1" "$2" bare down "$WORK/bare_down.sql"; }

for rows in $SIZES; do
  psql_q <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS gb_enums_bench_migrate CASCADE;
CREATE SCHEMA gb_enums_bench_migrate;
SET search_path = gb_enums_bench_migrate;
SELECT setseed(0.42) AS seeded \\gset
CREATE TABLE src AS
SELECT g::bigint AS id, timestamptz '2026-01-01' + g * interval '1 second' AS created_at,
       (ARRAY['pending', 'ready', 'running', 'paused', 'waiting_approval', 'completed', 'failed', 'cancelled'])
         [width_bucket(random(), ARRAY[.05, .08, .13, .15, .17, .87, .95]::float8[]) + 1]::varchar(20) AS status,
       timestamptz '2026-01-01' + g * interval '2 second' AS started_at,
       'Task ' || g AS title
  FROM generate_series(1, $rows) AS g;
UPDATE src SET started_at = NULL WHERE status IN ('pending', 'ready');
SQL
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
      run_gb "$rows" "$round"; run_bare "$rows" "$round"
    else
      run_bare "$rows" "$round"; run_gb "$rows" "$round"
    fi
  done
done
[ "${KEEP:-0}" = 1 ] || psql_q -c "SET client_min_messages = warning; DROP SCHEMA IF EXISTS gb_enums_bench_migrate CASCADE;"

echo
echo "| rows | step | gb-enums (s, median) | bare ALTER (s, median) | ratio |"
echo "|---|---|---|---|---|"
python3 - "$RAW" <<'PY'
import sys, statistics, collections
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    rows, rnd, impl, step, secs = line.split()
    runs[(int(rows), step, impl)].append(float(secs))
for rows in sorted({k[0] for k in runs}):
    for step in ("up", "down"):
        g = statistics.median(runs[(rows, step, "gb-enums")])
        b = statistics.median(runs[(rows, step, "bare")])
        print(f"| {rows:,} | {step} | {g:.2f} | {b:.2f} | {g / b:.2f}x |")
PY
