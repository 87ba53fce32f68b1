#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer at DATABASE_URL / REDIS_URL (the libs/config defaults
# when unset). When one does not, and it is meant to be on this machine, starts it with the
# Debian packages' commands; otherwise says exactly what to start and exits 1.
# Used by scripts/start-all.sh and .ci/run; run it on its own with `bash scripts/ensure-services.sh`.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/motcua}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
WAIT_SECONDS="${SERVICES_WAIT_SECONDS:-30}"

# host and port of a URL, with a default port (node is there: the project needs it anyway).
host_port() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const u = new URL(process.argv[1]);
    console.log(`${u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1"} ${u.port || process.argv[2]}`);
  ' "$1" "$2"
}

tcp_answers() {
  node -e '
    const s = require("net").connect({ host: process.argv[1], port: Number(process.argv[2]) });
    s.setTimeout(1000);
    s.once("connect", () => process.exit(0));
    s.once("error", () => process.exit(1));
    s.once("timeout", () => process.exit(1));
  ' "$1" "$2"
}

pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -t 2 -d "$DATABASE_URL"
  else
    # shellcheck disable=SC2046
    tcp_answers $(host_port "$DATABASE_URL" 5432)
  fi
}

redis_answers() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" = "PONG" ]
  else
    # shellcheck disable=SC2046
    tcp_answers $(host_port "$REDIS_URL" 6379)
  fi
}

is_local() {
  case "$(host_port "$1" 0 | cut -d' ' -f1)" in
    127.0.0.1 | localhost | ::1) return 0 ;;
    *) return 1 ;;
  esac
}

wait_for() {
  local check="$1" i
  for ((i = 0; i < WAIT_SECONDS * 2; i++)); do
    if "$check"; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}

start_postgres() {
  if ! is_local "$DATABASE_URL" || ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /etc/postgresql ]; then
    return 1
  fi
  local dir version
  for dir in /etc/postgresql/*/; do
    version="$(basename "$dir")"
    echo "services: starting PostgreSQL $version (pg_ctlcluster --skip-systemctl-redirect $version main start)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  wait_for pg_answers
}

start_redis() {
  if ! is_local "$REDIS_URL" || ! command -v redis-server >/dev/null 2>&1; then
    return 1
  fi
  echo "services: starting Redis (redis-server --daemonize yes --appendonly yes --maxmemory-policy noeviction ... --port 6379)"
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  # AOF and noeviction: what the API and the worker check at start (production refuses without).
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" \
    --appendonly yes --maxmemory-policy noeviction \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  wait_for redis_answers
}

problems=()
if pg_answers; then
  echo "services: PostgreSQL answers at $(host_port "$DATABASE_URL" 5432 | tr ' ' :)"
elif start_postgres; then
  echo "services: PostgreSQL started"
else
  problems+=("PostgreSQL at $DATABASE_URL")
fi
if redis_answers; then
  echo "services: Redis answers at $(host_port "$REDIS_URL" 6379 | tr ' ' :)"
elif start_redis; then
  echo "services: Redis started"
else
  problems+=("Redis at $REDIS_URL")
fi

if [ "${#problems[@]}" -gt 0 ]; then
  {
    echo
    echo "services: not answering: ${problems[*]}"
    echo "Start them, then run this again. One of:"
    echo "  docker compose up -d postgres redis                      (needs a running Docker engine)"
    echo "  pg_ctlcluster --skip-systemctl-redirect \$(ls /etc/postgresql) main start"
    echo "  redis-server --daemonize yes --port 6379 --appendonly yes --maxmemory-policy noeviction"
    echo "                                                           (Debian packages postgresql, redis-server)"
    echo "or point DATABASE_URL / REDIS_URL at servers that run."
  } >&2
  exit 1
fi
