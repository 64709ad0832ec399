#!/usr/bin/env bash
# `gb-enums migrate --online` against the offline migration, under the same load, on the
# local PostgreSQL: a writer doing 200 single-row inserts/s and a reader doing 50 selects/s
# for the whole conversion, on two identical tables of ONLINE_LOAD_ROWS rows (default
# 1,000,000) with two enum columns, their CHECKs, a partial index on strings and an index on
# both. Prints one line per conversion (online up, online down, offline up, offline down):
# time, writer and reader max and p99 latency, inserts acknowledged, rows lost, duplicated.
# The figures in BENCHMARKS.md ("Online conversion") come from here.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test bash benches/scripts/online_load.sh
#   ONLINE_LOAD_BATCH=1000 ...   # the online up's --batch-size (default 5000)
#   ONLINE_LOAD_WAL_RATE=10 ...  # the online up's --max-wal-rate in MB/s (default: none)
set -euo pipefail
cd "$(dirname "$0")/../.."
export ONLINE_LOAD_ROWS="${ONLINE_LOAD_ROWS:-1000000}"
export ONLINE_LOAD_OFFLINE=1
cargo test -q -p gb-enums-cli --test online_load -- --nocapture --test-threads 1 2>&1 \
  | grep -E '^(rows:|\||  )|over 60 ms|[0-9]/5 |panicked|FAILED|error|table\(s\)'
