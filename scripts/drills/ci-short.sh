#!/usr/bin/env bash
# `npm run drills:short` (and .ci/run): the short version of every infrastructure drill, one
# after the other, so that CI proves each still works on a clean machine. Each drill starts and
# removes what it needs, exactly as its long version does; only sizes and test lists shrink:
#   province   60 s of mixed load (the long one: 600 s), kill and restart inside the window
#   restore    20 s of intake before the point-in-time restore (the long one: 60 s)
#   pgbouncer  100 intakes through PgBouncer by two APIs and two workers (the long one: 300)
#   replica    the K1 periods and the list tests on a streaming replica, then the lag checks
#   cluster    the Redis outage and Redis Cluster checks on a three-master cluster
# Every drill runs even when one failed. Prints one line per drill and, last,
#   drills: N passed, N failed
# The exit status is non-zero when any failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

declare -a names=() results=()
run_drill() {
  local name="$1"
  shift
  local started=$SECONDS
  printf '\n==> drill %s: %s\n' "$name" "$*"
  if env "$@" </dev/null; then
    results+=("ok")
  else
    results+=("FAILED (exit $?)")
  fi
  names+=("$name ($((SECONDS - started)) s)")
}

run_drill province DRILL_SECONDS=60 npm run -s drill:province
run_drill restore DRILL_SECONDS=20 npm run -s drill:restore
run_drill pgbouncer DRILL_INTAKES=100 npm run -s drill:pgbouncer
run_drill replica \
  DRILL_TESTS="test/integration/k1-periods.int-spec.ts test/e2e/applications-query.e2e-spec.ts" \
  npm run -s drill:replica
run_drill redis-cluster \
  DRILL_TESTS="test/integration/redis-outage.int-spec.ts test/drills/redis-cluster.drill-spec.ts" \
  npm run -s drill:redis-cluster

passed=0
failed=0
echo
for i in "${!names[@]}"; do
  echo "==> drill ${names[$i]}: ${results[$i]}"
  if [ "${results[$i]}" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "drills: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
