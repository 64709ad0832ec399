#!/usr/bin/env bash
# `gb-enums audit` of a large table, exact against --sample, on PostgreSQL.
#
# Builds the reference document's `auto_tasks` (ROWS rows, default 10,000,000; SMALLINT enum
# columns, bigint/timestamptz/text columns in a good order, skewed data as in storage.sh) with
# 1 row in 1,000 holding the unknown status 42 and 3 rows holding the unknown status 99 (too
# rare for a sample), applies `gb-enums sql`, runs VACUUM ANALYZE, then times RUNS (default 5)
# rounds of the two modes, interleaved (exact, sample, exact, sample, ...) so that both share
# the machine's noise. Prints each time, the median and max of each mode, their ratio, and
# what each mode reported for auto_tasks.status.
# Everything happens in the schema gb_enums_bench_audit, dropped at the end (KEEP=1 keeps it;
# REUSE=1 reuses a kept one instead of building it again).
#
# Needs about 1.5 GB free where PostgreSQL keeps its data (10,000,000 rows and their primary key).
#
# Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ROWS=10000000 RUNS=5 benches/scripts/audit.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
ROWS="${ROWS:-10000000}"
RUNS="${RUNS:-5}"
SCHEMA=gb_enums_bench_audit
psql_q() { psql "$URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

(cd "$ROOT" && cargo build --release -q -p gb-enums-cli)
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/gb-enums"

if [ "${REUSE:-0}" != 1 ]; then
  psql_q <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS $SCHEMA CASCADE;
CREATE SCHEMA $SCHEMA;
SET search_path = $SCHEMA;
SELECT setseed(0.42) AS seeded \gset
CREATE TABLE auto_tasks (
    id BIGINT PRIMARY KEY,
    tenant_id BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    status SMALLINT NOT NULL,
    priority SMALLINT NOT NULL,
    execution_mode SMALLINT NOT NULL,
    title TEXT NOT NULL
);
INSERT INTO auto_tasks
SELECT g,
       g % 1000,
       timestamptz '2026-01-01' + g * interval '1 second',
       CASE WHEN g % 1000 = 0 THEN 42 WHEN g IN (17, 5000017, 9000017) THEN 99
            ELSE width_bucket(random(), ARRAY[.05, .08, .13, .15, .17, .87, .95]::float8[]) END,
       width_bucket(random(), ARRAY[.15, .75, .90, .97]::float8[]),
       width_bucket(random(), ARRAY[.10, .70]::float8[]),
       'Task ' || g
FROM generate_series(1, $ROWS) AS g;
CREATE TABLE task_approvals (id BIGINT PRIMARY KEY, status SMALLINT NOT NULL);
SQL
  "$BIN" --registry "$ROOT/schema.toml" sql --dialect postgres \
    | psql_q -c "SET search_path = $SCHEMA" -f -
  psql_q -c "VACUUM ANALYZE $SCHEMA.auto_tasks"
fi

SEP='?'; case "$URL" in *\?*) SEP='&';; esac
AUDIT_URL="${URL}${SEP}options=-c%20search_path%3D${SCHEMA}"
BLOCKS=$(psql_q -At -c "SELECT pg_relation_size('$SCHEMA.auto_tasks') / 8192")
echo "auto_tasks: $ROWS rows, $BLOCKS blocks"

run() { # run MODE: prints seconds; the report goes to target/audit-MODE.json
  local args=() start end
  [ "$1" = sample ] && args=(--sample)
  start=$(date +%s.%N)
  "$BIN" --registry "$ROOT/schema.toml" audit --database-url "$AUDIT_URL" --format json "${args[@]}" auto_tasks \
    >"${TMPDIR:-/tmp}/gb-enums-audit-$1.json" 2>/dev/null || [ $? = 1 ]
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

EXACT=(); SAMPLE=()
for i in $(seq 1 "$RUNS"); do
  e=$(run exact); s=$(run sample)
  EXACT+=("$e"); SAMPLE+=("$s")
  printf 'round %d: exact %.2f s, sample %.3f s\n' "$i" "$e" "$s"
done

stats() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.3f %.3f", m, a[NR]}'; }
read -r EM EX <<<"$(stats "${EXACT[@]}")"
read -r SM SX <<<"$(stats "${SAMPLE[@]}")"
echo
echo "| mode | median s | max s |"
echo "| --- | --- | --- |"
echo "| exact | $EM | $EX |"
echo "| --sample | $SM | $SX |"
echo "ratio sample / exact (medians): $(echo "scale=4; $SM / $EM" | bc)"
for m in exact sample; do
  python3 - "$m" "${TMPDIR:-/tmp}/gb-enums-audit-$m.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
for f in r["findings"]:
    if f["kind"] == "unknown_values":
        vals = ", ".join(f'{v["value"]}: {v["rows"]}' for v in f["values"])
        print(f'{sys.argv[1]}: {f["location"]} {f["count"]} rows (estimate: {f["estimate"]}) [{vals}]')
PY
done

if [ "${KEEP:-0}" != 1 ]; then
  psql_q -c "SET client_min_messages = warning; DROP SCHEMA $SCHEMA CASCADE"
fi
