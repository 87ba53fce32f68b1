#!/usr/bin/env bash
# `npm run drill:replica`: a primary of its own (initdb, PostgreSQL 15) and a real streaming
# replica of it (pg_basebackup -R, another port), then
#   1. the metrics, reports and list tests with every API reading its database on the replica
#      (DATABASE_READ_URL), the primary committing with synchronous_commit = remote_apply so
#      that a test's own inserts are on the replica when it reads (the tests are the same as
#      on one server) and DATABASE_READ_SYNCHRONOUS=true (no read-your-writes wait);
#   2. asynchronous again: test/drills/read-replica.drill-spec.ts pauses the replica's replay
#      and checks read-your-writes, reads served by the replica, and the fall-back to the
#      primary when the replica lags too far.
# Its own primary (not the shared server), so that the drill may change how it commits. Both
# clusters are stopped and deleted at the end. DRILL_TESTS: other files for step 1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"

make_drill_dir replica
dir="$DRILL_DIR"
chown postgres "$dir"
primary_port="$(free_port)"
replica_port="$(free_port)"
started=$SECONDS
pg_primary "$dir/primary" "$primary_port"
pg_replica "$primary_port" "$dir/replica" "$replica_port"
wait_until 30 "replica in recovery" test "$(psql_at "$replica_port" 'SELECT pg_is_in_recovery()')" = t
echo "drill: primary on $primary_port, streaming replica on $replica_port, ready in $((SECONDS - started)) s"

export DATABASE_URL="postgres://postgres@127.0.0.1:$primary_port/postgres"
export TEST_READ_REPLICA_URL="postgres://postgres@127.0.0.1:$replica_port/postgres"
# Statements the replica served to the apps (its log has them all), not counting the
# progress polls nor the drill's own.
replica_statements() {
  grep -E 'LOG:  (statement|execute [^:]*):' "$dir/replica.log" |
    grep -vcE 'pg_last_wal_replay_lsn|pg_is_in_recovery|pg_wal_replay|pg_get_wal_replay|BEGIN|COMMIT|SET LOCAL|SHOW|SELECT 1$|set_config|version\(\)' || true
}

psql_at "$primary_port" "ALTER SYSTEM SET synchronous_standby_names = '*'"
psql_at "$primary_port" "ALTER SYSTEM SET synchronous_commit = 'remote_apply'"
psql_at "$primary_port" "SELECT pg_reload_conf()" >/dev/null
# The replica applies every commit before the writer hears of it: its readers need not wait.
export DATABASE_READ_SYNCHRONOUS=true
tests="${DRILL_TESTS:-test/e2e/applications-query.e2e-spec.ts test/e2e/reports.e2e-spec.ts test/e2e/satisfaction-k8.e2e-spec.ts test/e2e/lien-thong-blame.e2e-spec.ts test/integration/k1-periods.int-spec.ts}"
before="$(replica_statements)"
step1=$SECONDS
set +e
# shellcheck disable=SC2086
run_jest $tests
status1=$?
set -e
after="$(replica_statements)"
echo "drill: step 1 (metrics, reports, lists read on the replica) exit $status1 in $((SECONDS - step1)) s;" \
  "the replica served $((after - before)) of their statements"

unset DATABASE_READ_SYNCHRONOUS
psql_at "$primary_port" "ALTER SYSTEM RESET synchronous_standby_names"
psql_at "$primary_port" "ALTER SYSTEM RESET synchronous_commit"
psql_at "$primary_port" "SELECT pg_reload_conf()" >/dev/null
step2=$SECONDS
set +e
run_jest test/drills/read-replica.drill-spec.ts
status2=$?
set -e
lag="$(psql_at "$primary_port" "SELECT coalesce(max(replay_lag)::text, 'n/a') FROM pg_stat_replication")"
echo "drill: step 2 (read-your-writes, paused replay, lag fall-back) exit $status2 in $((SECONDS - step2)) s;" \
  "replay lag now $lag"
[ "$status1" -eq 0 ] && [ "$status2" -eq 0 ]
