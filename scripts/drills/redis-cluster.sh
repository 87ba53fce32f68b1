#!/usr/bin/env bash
# `npm run drill:redis-cluster`: a local three-master Redis Cluster (Debian's redis-server, one
# process per port, `redis-cli --cluster create`), then the worker drills on it — Redis
# unreachable while the API takes applications, a worker SIGKILLed mid-batch, duplicate
# delivery through two relays — with REDIS_CLUSTER_NODES set for every app and queue. Reports
# how the queues' keys and commands spread over the masters. Tears everything down at the end.
# DRILL_TESTS: other test files to run on the cluster instead of the default ones.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

make_drill_dir redis-cluster
dir="$DRILL_DIR"
ports=()
for i in 1 2 3; do
  port="$(free_port)"
  ports+=("$port")
  mkdir -p "$dir/$port"
  redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes \
    --cluster-config-file "$dir/$port/nodes.conf" --cluster-node-timeout 5000 \
    --dir "$dir/$port" --save '' --appendonly yes --appendfsync no --maxmemory-policy noeviction \
    --logfile "$dir/$port/redis.log" &
  DRILL_PIDS+=($!)
done
for port in "${ports[@]}"; do
  wait_until 10 "redis-server on $port" redis-cli -p "$port" ping
done
nodes=""
for port in "${ports[@]}"; do nodes+="127.0.0.1:$port "; done
# shellcheck disable=SC2086
redis-cli --cluster create $nodes --cluster-replicas 0 --cluster-yes >"$dir/create.log"
cluster_ok() { redis-cli -p "$1" cluster info | grep -q 'cluster_state:ok'; }
for port in "${ports[@]}"; do
  wait_until 20 "cluster state ok on $port" cluster_ok "$port"
done
echo "drill: Redis Cluster of 3 masters on ports ${ports[*]}"

export REDIS_CLUSTER_NODES
REDIS_CLUSTER_NODES="$(echo "${nodes// /,}" | sed 's/,$//')"
tests="${DRILL_TESTS:-test/integration/redis-outage.int-spec.ts test/integration/worker-sigkill.int-spec.ts test/integration/outbox-relay.int-spec.ts test/integration/kpi-rollup-batch.int-spec.ts test/drills/redis-cluster.drill-spec.ts}"
started=$SECONDS
set +e
# shellcheck disable=SC2086
run_jest $tests
status=$?
set -e
echo
echo "drill: tests ran in $((SECONDS - started)) s on the cluster (exit $status)"
for port in "${ports[@]}"; do
  commands="$(redis-cli -p "$port" info stats | grep total_commands_processed | tr -d '\r' | cut -d: -f2)"
  slots="$(redis-cli -p "$port" cluster nodes | grep myself | awk '{print $9}')"
  echo "drill: master 127.0.0.1:$port slots $slots: $commands commands"
done
exit "$status"
