#!/usr/bin/env bash
# `npm run start:all`: motcua without Docker, on a machine with PostgreSQL and Redis installed.
# Checks (or starts) the services, migrates, builds when needed, starts the api and the worker
# in the background and waits until both are ready. Safe to run again: what already runs is
# left alone. Logs and pids go to .run/; `npm run stop:all` stops both.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUN_DIR="$ROOT/.run"
API_PORT="${PORT:-3000}"
WORKER_PORT="${WORKER_PORT:-3001}"
READY_TIMEOUT="${START_TIMEOUT_SECONDS:-90}"

mkdir -p "$RUN_DIR"
# Keep the run folder out of git without touching .gitignore.
[ -f "$RUN_DIR/.gitignore" ] || echo '*' >"$RUN_DIR/.gitignore"

say() { echo "start-all: $*"; }
fail() {
  echo "start-all: ERROR: $*" >&2
  exit 1
}

entry_of() { echo "dist/apps/$1/main.js"; }

# The pid in .run/<app>.pid when that process is alive and is really our app.
running_pid() {
  local app="$1" pid
  [ -f "$RUN_DIR/$app.pid" ] || return 1
  pid="$(cat "$RUN_DIR/$app.pid")"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$(entry_of "$app")"; then
    echo "$pid"
    return 0
  fi
  rm -f "$RUN_DIR/$app.pid" # stale
  return 1
}

# True while the process exists and has not exited (an exited child of ours is a zombie
# until this script ends, and `kill -0` would still succeed on it).
alive() {
  [ -n "$1" ] && [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != "Z" ]
}

health_url() {
  case "$1" in
    api) echo "http://127.0.0.1:$API_PORT/api/v1/health/ready" ;;
    worker) echo "http://127.0.0.1:$WORKER_PORT/health/ready" ;;
  esac
}

# Prints the HTTP status of a URL (000 when nothing answers).
http_status() {
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" || true
  else
    node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) })
      .then((r) => console.log(r.status), () => console.log("000"))' "$1"
  fi
}

port_in_use() {
  node -e '
    const s = require("net").connect({ host: "127.0.0.1", port: Number(process.argv[1]) });
    s.once("connect", () => process.exit(0));
    s.once("error", () => process.exit(1));
  ' "$1"
}

log_tail() {
  echo "---- last lines of $RUN_DIR/$1.log ----" >&2
  tail -n 40 "$RUN_DIR/$1.log" >&2 || true
  echo "----" >&2
}

# ---- 1. PostgreSQL and Redis
say "checking PostgreSQL and Redis"
bash "$ROOT/scripts/ensure-services.sh"

# ---- 2. already running?
api_pid="$(running_pid api || true)"
worker_pid="$(running_pid worker || true)"
all_running=false
if [ -n "$api_pid" ] && [ -n "$worker_pid" ]; then
  all_running=true
  say "already running: api (pid $api_pid), worker (pid $worker_pid); nothing to start"
  say "to restart (new code, new settings): npm run stop:all && npm run start:all"
fi

# ---- 3. migrations (idempotent: applies only what is pending)
if [ "$all_running" = false ]; then
  say "applying migrations (npm run migrate)"
  npm run --silent migrate
fi

# ---- 4. build when dist is missing or older than the sources
needs_build() {
  local app entry
  for app in api worker; do
    entry="$(entry_of "$app")"
    [ -f "$entry" ] || return 0
    if [ -n "$(find apps libs package.json package-lock.json tsconfig.json tsconfig.build.json nest-cli.json \
      -newer "$entry" -type f -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}
if [ "$all_running" = true ]; then
  :
elif needs_build; then
  if [ -n "$api_pid" ] || [ -n "$worker_pid" ]; then
    say "note: the sources changed since the running build; restart to pick them up (npm run stop:all && npm run start:all)"
  else
    say "building (npm run build, output in .run/build.log)"
    if ! NO_COLOR=1 npm run build >"$RUN_DIR/build.log" 2>&1; then
      log_tail build
      fail "npm run build failed (full output: .run/build.log)"
    fi
  fi
else
  say "build is up to date"
fi

# ---- 5. start what is not running
started=()
# On failure, stop only what this run started (what was already running stays).
stop_started() {
  local app pid
  for app in "${started[@]}"; do
    if pid="$(running_pid "$app")"; then
      kill "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN_DIR/$app.pid"
  done
}
start_app() {
  local app="$1" port="$2" pid
  if pid="$(running_pid "$app")"; then
    say "$app already running (pid $pid)"
    return 0
  fi
  if port_in_use "$port"; then
    stop_started
    fail "port $port is taken by another process, so the $app cannot start. Free it, or set $([ "$app" = api ] && echo PORT || echo WORKER_PORT)=<port>."
  fi
  # setsid: the app leaves this shell's process group, so it outlives the script and a Ctrl-C.
  setsid node "$(entry_of "$app")" >"$RUN_DIR/$app.log" 2>&1 </dev/null &
  echo $! >"$RUN_DIR/$app.pid"
  started+=("$app")
  say "started $app (pid $!, log .run/$app.log)"
}
start_app api "$API_PORT"
start_app worker "$WORKER_PORT"

# ---- 6. wait until both are ready
deadline=$((SECONDS + READY_TIMEOUT))
for app in api worker; do
  url="$(health_url "$app")"
  until [ "$(http_status "$url")" = "200" ]; do
    if ! alive "$(cat "$RUN_DIR/$app.pid" 2>/dev/null)"; then
      log_tail "$app"
      stop_started
      fail "the $app exited before it was ready (log above, full log .run/$app.log)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log_tail "$app"
      echo "start-all: $url answers $(http_status "$url")" >&2
      stop_started
      fail "the $app was not ready after ${READY_TIMEOUT}s (log above; START_TIMEOUT_SECONDS raises the limit)"
    fi
    sleep 1
  done
  say "$app is ready ($url)"
done

cat <<EOF_URLS

motcua is running.
  API            http://localhost:$API_PORT/api/v1
  staff web app  http://localhost:$API_PORT/app/   (public address: ${PUBLIC_BASE_URL:-http://localhost:$API_PORT, set PUBLIC_BASE_URL})
  Swagger        http://localhost:$API_PORT/api/docs
  API health     http://localhost:$API_PORT/api/v1/health/ready
  worker health  http://localhost:$WORKER_PORT/health/ready
  logs           .run/api.log, .run/worker.log
Stop both with: npm run stop:all
EOF_URLS
