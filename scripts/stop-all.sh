#!/usr/bin/env bash
# `npm run stop:all`: stops the api and the worker started by `npm run start:all` (pids in .run/).
# PostgreSQL and Redis are left running: they are the machine's services, not ours.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
GRACE_SECONDS="${STOP_TIMEOUT_SECONDS:-20}"

say() { echo "stop-all: $*"; }

stop_app() {
  local app="$1" pid i
  local pid_file="$RUN_DIR/$app.pid"
  if [ ! -f "$pid_file" ]; then
    say "$app is not running"
    return 0
  fi
  pid="$(cat "$pid_file")"
  # Only signal the process if it is still our app (a pid may have been reused since).
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null ||
    ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "dist/apps/$app/main.js"; then
    say "$app is not running (removing the stale pid file)"
    rm -f "$pid_file"
    return 0
  fi
  # SIGTERM: Nest's shutdown hooks close the HTTP server, PostgreSQL and Redis.
  kill -TERM "$pid"
  for ((i = 0; i < GRACE_SECONDS * 2; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "$app (pid $pid) did not stop within ${GRACE_SECONDS}s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  say "stopped $app (pid $pid)"
}

stop_app worker
stop_app api
