#!/usr/bin/env bash
# `npm run drill:pgbouncer`: PgBouncer (Debian's) in transaction mode in front of the PostgreSQL
# at DATABASE_URL (the shared server by default), then test/drills/pgbouncer.drill-spec.ts —
# two API and two worker processes whose pools all go through it. Prints PgBouncer's own
# figures (SHOW STATS) after the run. Stops PgBouncer and removes its files at the end.
# DRILL_INTAKES: applications to take in (300).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v pgbouncer >/dev/null 2>&1; then
  echo "drill: pgbouncer is not installed (apt-get install -y pgbouncer)" >&2
  exit 1
fi
server="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
server_host="$(node -e 'console.log(new URL(process.argv[1]).hostname)' "$server")"
server_port="$(node -e 'console.log(new URL(process.argv[1]).port || 5432)' "$server")"
make_drill_dir pgbouncer
dir="$DRILL_DIR"
chown postgres "$dir"
port="$(free_port)"
# The apps' statement_timeout cannot pass a startup parameter through PgBouncer 1.18: it is
# ignored there and set on each server connection instead (connect_query).
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=$server_host port=$server_port connect_query='SET statement_timeout = 60000'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/users.txt
admin_users = postgres
stats_users = postgres
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
reserve_pool_size = 5
server_reset_query =
ignore_startup_parameters = statement_timeout,extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo '"postgres" ""' >"$dir/users.txt"
chown postgres "$dir"/*
pgbouncer -d -u postgres "$dir/pgbouncer.ini"
wait_until 10 "PgBouncer pid file" test -s "$dir/pgbouncer.pid"
DRILL_PIDS+=("$(cat "$dir/pgbouncer.pid")")
wait_until 10 "PgBouncer answering on $port" \
  psql -X -A -t -h 127.0.0.1 -p "$port" -U postgres -d postgres -c 'SELECT 1'
echo "drill: $(pgbouncer --version | head -n 1) in transaction mode on $port, in front of $server_host:$server_port"

export TEST_PGBOUNCER_URL="postgres://postgres@127.0.0.1:$port/postgres"
started=$SECONDS
set +e
run_jest test/drills/pgbouncer.drill-spec.ts
status=$?
set -e
echo "drill: exit $status in $((SECONDS - started)) s. PgBouncer's totals over the drill:"
psql -X -A -t -F ' ' -h 127.0.0.1 -p "$port" -U postgres -d pgbouncer -c 'SHOW TOTALS' |
  grep -E '^(total_)?(xact_count|query_count|wait_time) ' | sed 's/^/drill:   /' || true
servers="$(grep -c 'new connection to server' "$dir/pgbouncer.log" || true)"
echo "drill:   server connections opened: $servers (for 4 processes with pools of 10, plus the drill's own)"
grep -ciE 'prepared statement|ERROR' "$dir/pgbouncer.log" | sed 's/^/drill: PgBouncer log lines with errors: /' || true
exit "$status"
