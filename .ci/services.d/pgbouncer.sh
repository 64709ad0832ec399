# gb-enums-cli/tests/online_shards.rs starts its own PgBouncer (transaction pooling) in front
# of the local PostgreSQL, to show that `migrate --online` keeps no session state.
need_debs pgbouncer
