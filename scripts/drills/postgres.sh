#!/usr/bin/env bash
# PostgreSQL clusters of a drill (sourced after lib.sh): Debian's PostgreSQL 15 binaries, run as
# user postgres in the drill's directory, on ports of their own; stopped at teardown.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

as_postgres() { runuser -u postgres -- "$@"; }

# pg_primary DIR PORT: a new, empty cluster that accepts streaming replicas.
pg_primary() {
  local dir="$1" port="$2"
  as_postgres "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$dir/postgresql.conf" <<CONF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$(dirname "$dir")'
max_connections = 200
shared_buffers = 64MB
wal_level = replica
max_wal_senders = 5
hot_standby_feedback = on
# A drill's cluster is thrown away: no need to survive a power cut.
fsync = off
full_page_writes = off
CONF
  pg_start "$dir"
}

# pg_replica PRIMARY_PORT DIR PORT: a streaming replica (pg_basebackup -R) of the cluster on PRIMARY_PORT.
pg_replica() {
  local primary_port="$1" dir="$2" port="$3"
  rmdir "$dir" 2>/dev/null || true
  as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir" \
    -R -X stream -c fast --no-sync
  cat >>"$dir/postgresql.auto.conf" <<CONF
port = $port
# Every statement the replica serves is logged: the drill counts them.
log_statement = 'all'
CONF
  pg_start "$dir"
}

pg_start() {
  local dir="$1"
  as_postgres "$PG_BIN/pg_ctl" -D "$dir" -l "$dir.log" -w -t 60 start >/dev/null
  DRILL_TEARDOWN+=("runuser -u postgres -- $PG_BIN/pg_ctl -D $dir -m immediate -w stop")
}

# psql_at PORT SQL: one statement as postgres on the drill's cluster on PORT; prints the value.
psql_at() {
  psql -X -A -t -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"
}
