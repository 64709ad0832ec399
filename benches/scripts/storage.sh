#!/usr/bin/env bash
# Heap bytes per row of the reference document's `auto_tasks` table with its enum columns as
# VARCHAR (names) and as SMALLINT (gb-enums values), on PostgreSQL, ROWS rows (default
# 1,000,000), the same skewed data copied into every variant, after VACUUM ANALYZE:
#   - the document's own tables: `id UUID` + 3 enum fields (its Before/After), and + 5 fields;
#   - with the columns a real table also has (tenant_id BIGINT, created_at TIMESTAMPTZ,
#     title TEXT), 3 and 5 enum fields, in a good column order (8-byte columns first, 2-byte
#     ones together, variable-length last) and a bad one (each enum column in front of an
#     8-byte column, so that alignment pads it);
#   - 5 native PostgreSQL ENUM columns, for comparison.
# Everything happens in the schema gb_enums_bench_storage, dropped at the end (KEEP=1 keeps it).
#
# Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ROWS=1000000 benches/scripts/storage.sh
set -euo pipefail
URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
ROWS="${ROWS:-1000000}"
psql_q() { psql "$URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_q <<SQL
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS gb_enums_bench_storage CASCADE;
CREATE SCHEMA gb_enums_bench_storage;
SET search_path = gb_enums_bench_storage;

-- Skewed like a real task table: most tasks completed, normal priority, supervised.
-- width_bucket over the cumulative weights picks the variant index.
SELECT setseed(0.42) AS seeded \gset
CREATE TABLE src AS
SELECT gen_random_uuid() AS id,
       (g % 1000)::int8 AS tenant_id,
       timestamptz '2026-01-01' + g * interval '1 second' AS created_at,
       'Task ' || g AS title,
       -- pending .05 ready .03 running .05 paused .02 waiting_approval .02 completed .70
       -- failed .08 cancelled .05
       width_bucket(random(), ARRAY[.05, .08, .13, .15, .17, .87, .95]::float8[])::int2 AS status,
       -- low .15 normal .60 high .15 urgent .07 critical .03
       width_bucket(random(), ARRAY[.15, .75, .90, .97]::float8[])::int2 AS priority,
       -- manual .10 supervised .60 autonomous .30
       width_bucket(random(), ARRAY[.10, .70]::float8[])::int2 AS execution_mode,
       -- none .40 low .30 medium .20 high .08 critical .02
       width_bucket(random(), ARRAY[.40, .70, .90, .98]::float8[])::int2 AS risk_level,
       -- pending .20 approved .60 rejected .10 expired .05 skipped .05
       width_bucket(random(), ARRAY[.20, .80, .90, .95]::float8[])::int2 AS approval_status
FROM generate_series(1, $ROWS) AS g;

CREATE VIEW named AS
SELECT id, tenant_id, created_at, title,
       (ARRAY['pending','ready','running','paused','waiting_approval','completed','failed','cancelled'])[status + 1] AS status,
       (ARRAY['low','normal','high','urgent','critical'])[priority + 1] AS priority,
       (ARRAY['manual','supervised','autonomous'])[execution_mode + 1] AS execution_mode,
       (ARRAY['none','low','medium','high','critical'])[risk_level + 1] AS risk_level,
       (ARRAY['pending','approved','rejected','expired','skipped'])[approval_status + 1] AS approval_status
FROM src;

-- The document's Before and After, and the same with 5 enum fields.
CREATE TABLE varchar_3 (id UUID PRIMARY KEY, status VARCHAR(50) NOT NULL, priority VARCHAR(20) NOT NULL,
  execution_mode VARCHAR(50) NOT NULL);
INSERT INTO varchar_3 SELECT id, status, priority, execution_mode FROM named;
CREATE TABLE smallint_3 (id UUID PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT NOT NULL,
  execution_mode SMALLINT NOT NULL);
INSERT INTO smallint_3 SELECT id, status, priority, execution_mode FROM src;
CREATE TABLE varchar_5 (id UUID PRIMARY KEY, status VARCHAR(50) NOT NULL, priority VARCHAR(20) NOT NULL,
  execution_mode VARCHAR(50) NOT NULL, risk_level VARCHAR(20) NOT NULL, approval_status VARCHAR(20) NOT NULL);
INSERT INTO varchar_5 SELECT id, status, priority, execution_mode, risk_level, approval_status FROM named;
CREATE TABLE smallint_5 (id UUID PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT NOT NULL,
  execution_mode SMALLINT NOT NULL, risk_level SMALLINT NOT NULL, approval_status SMALLINT NOT NULL);
INSERT INTO smallint_5 SELECT id, status, priority, execution_mode, risk_level, approval_status FROM src;

-- Native enums (4 bytes each).
CREATE TYPE task_status AS ENUM ('pending','ready','running','paused','waiting_approval','completed','failed','cancelled');
CREATE TYPE task_priority AS ENUM ('low','normal','high','urgent','critical');
CREATE TYPE execution_mode AS ENUM ('manual','supervised','autonomous');
CREATE TYPE risk_level AS ENUM ('none','low','medium','high','critical');
CREATE TYPE approval_status AS ENUM ('pending','approved','rejected','expired','skipped');
CREATE TABLE native_enum_5 (id UUID PRIMARY KEY, status task_status NOT NULL, priority task_priority NOT NULL,
  execution_mode execution_mode NOT NULL, risk_level risk_level NOT NULL, approval_status approval_status NOT NULL);
INSERT INTO native_enum_5 SELECT id, status::task_status, priority::task_priority,
  execution_mode::execution_mode, risk_level::risk_level, approval_status::approval_status FROM named;

-- With a real table's other columns, in a good and a bad order.
CREATE TABLE varchar_3_good (id UUID PRIMARY KEY, tenant_id BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
  status VARCHAR(50) NOT NULL, priority VARCHAR(20) NOT NULL, execution_mode VARCHAR(50) NOT NULL, title TEXT NOT NULL);
INSERT INTO varchar_3_good SELECT id, tenant_id, created_at, status, priority, execution_mode, title FROM named;
CREATE TABLE varchar_3_bad (id UUID PRIMARY KEY, status VARCHAR(50) NOT NULL, tenant_id BIGINT NOT NULL,
  priority VARCHAR(20) NOT NULL, created_at TIMESTAMPTZ NOT NULL, execution_mode VARCHAR(50) NOT NULL, title TEXT NOT NULL);
INSERT INTO varchar_3_bad SELECT id, status, tenant_id, priority, created_at, execution_mode, title FROM named;
CREATE TABLE smallint_3_good (id UUID PRIMARY KEY, tenant_id BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
  status SMALLINT NOT NULL, priority SMALLINT NOT NULL, execution_mode SMALLINT NOT NULL, title TEXT NOT NULL);
INSERT INTO smallint_3_good SELECT id, tenant_id, created_at, status, priority, execution_mode, title FROM src;
CREATE TABLE smallint_3_bad (id UUID PRIMARY KEY, status SMALLINT NOT NULL, tenant_id BIGINT NOT NULL,
  priority SMALLINT NOT NULL, created_at TIMESTAMPTZ NOT NULL, execution_mode SMALLINT NOT NULL, title TEXT NOT NULL);
INSERT INTO smallint_3_bad SELECT id, status, tenant_id, priority, created_at, execution_mode, title FROM src;

CREATE TABLE varchar_5_good (id UUID PRIMARY KEY, tenant_id BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
  status VARCHAR(50) NOT NULL, priority VARCHAR(20) NOT NULL, execution_mode VARCHAR(50) NOT NULL,
  risk_level VARCHAR(20) NOT NULL, approval_status VARCHAR(20) NOT NULL, title TEXT NOT NULL);
INSERT INTO varchar_5_good SELECT id, tenant_id, created_at, status, priority, execution_mode, risk_level,
  approval_status, title FROM named;
CREATE TABLE varchar_5_bad (id UUID PRIMARY KEY, status VARCHAR(50) NOT NULL, tenant_id BIGINT NOT NULL,
  priority VARCHAR(20) NOT NULL, created_at TIMESTAMPTZ NOT NULL, execution_mode VARCHAR(50) NOT NULL,
  title TEXT NOT NULL, risk_level VARCHAR(20) NOT NULL, approval_status VARCHAR(20) NOT NULL);
INSERT INTO varchar_5_bad SELECT id, status, tenant_id, priority, created_at, execution_mode, title,
  risk_level, approval_status FROM named;
CREATE TABLE smallint_5_good (id UUID PRIMARY KEY, tenant_id BIGINT NOT NULL, created_at TIMESTAMPTZ NOT NULL,
  status SMALLINT NOT NULL, priority SMALLINT NOT NULL, execution_mode SMALLINT NOT NULL,
  risk_level SMALLINT NOT NULL, approval_status SMALLINT NOT NULL, title TEXT NOT NULL);
INSERT INTO smallint_5_good SELECT id, tenant_id, created_at, status, priority, execution_mode, risk_level,
  approval_status, title FROM src;
-- Every 2-byte column right before an 8-byte one (or the 4-byte-aligned TEXT header) pads.
CREATE TABLE smallint_5_bad (id UUID PRIMARY KEY, status SMALLINT NOT NULL, tenant_id BIGINT NOT NULL,
  priority SMALLINT NOT NULL, created_at TIMESTAMPTZ NOT NULL, execution_mode SMALLINT NOT NULL,
  title TEXT NOT NULL, risk_level SMALLINT NOT NULL, approval_status SMALLINT NOT NULL);
INSERT INTO smallint_5_bad SELECT id, status, tenant_id, priority, created_at, execution_mode, title,
  risk_level, approval_status FROM src;
SQL

TABLES="varchar_3 smallint_3 varchar_5 smallint_5 native_enum_5 varchar_3_good smallint_3_good varchar_3_bad smallint_3_bad varchar_5_good smallint_5_good varchar_5_bad smallint_5_bad"
for t in $TABLES; do psql_q -c "VACUUM (ANALYZE) gb_enums_bench_storage.$t"; done
psql_q -c "SET client_min_messages = warning; DROP TABLE gb_enums_bench_storage.src CASCADE"

echo "auto_tasks storage on $(psql_q -Atc 'SHOW server_version') with $ROWS rows; heap = pg_relation_size(table, 'main')"
echo
echo "| table | enum fields | heap bytes/row | enum bytes/row (data only) | saving vs VARCHAR, bytes/row |"
echo "| --- | --- | --- | --- | --- |"
for t in $TABLES; do
  n=$(echo "$t" | grep -o '[35]')
  case "$t" in
    *_3*) cols="status, priority, execution_mode" ;;
    *) cols="status, priority, execution_mode, risk_level, approval_status" ;;
  esac
  sum_cols=""
  for c in ${cols//,/}; do sum_cols="${sum_cols:+$sum_cols + }pg_column_size($c)"; done
  counterpart=$(echo "$t" | sed 's/^smallint_/varchar_/; s/^native_enum_/varchar_/')
  psql_q -At -F ' ' <<SQL | awk -v t="$t" -v n="$n" -v c="$counterpart" '
    { printf "| %s | %s | %.1f | %.2f | %s |\n", t, n, $1, $2, (c != t) ? sprintf("%.1f", $3 - $1) : "-" }'
SET search_path = gb_enums_bench_storage;
SELECT pg_relation_size('$t', 'main')::float8 / (SELECT count(*) FROM $t),
       (SELECT avg($sum_cols) FROM $t),
       pg_relation_size('$counterpart', 'main')::float8 / (SELECT count(*) FROM $counterpart);
SQL
done

if [ "${KEEP:-0}" != 1 ]; then psql_q -c "SET client_min_messages = warning; DROP SCHEMA gb_enums_bench_storage CASCADE"; fi
