#!/usr/bin/env bash
# Shared helpers of the infrastructure drills (sourced, not run): free ports, waiting, and a
# teardown that stops exactly the processes a drill started (by pid) and removes its files,
# whatever way the drill ends.
set -euo pipefail

DRILL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DRILL_PIDS=()
DRILL_DIRS=()
DRILL_TEARDOWN=()

# A TCP port nobody listens on now (asked from the kernel, so drills in parallel do not meet).
free_port() {
  node -e '
    const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => console.log(port)); });
  '
}

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s.
wait_until() {
  local seconds="$1" what="$2"
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "drill: $what did not happen within ${seconds}s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# make_drill_dir NAME: sets DRILL_DIR to a new directory of the drill, removed at the end.
make_drill_dir() {
  DRILL_DIR="$(mktemp -d "/tmp/motcua-drill-$1.XXXXXX")"
  chmod 755 "$DRILL_DIR"
  DRILL_DIRS+=("$DRILL_DIR")
}

drill_teardown() {
  local status=$?
  for step in "${DRILL_TEARDOWN[@]}"; do
    eval "$step" >/dev/null 2>&1 || true
  done
  for pid in "${DRILL_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${DRILL_PIDS[@]}"; do
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  for dir in "${DRILL_DIRS[@]}"; do
    rm -rf "$dir"
  done
  exit "$status"
}
trap drill_teardown EXIT
trap 'exit 130' INT TERM

# Runs the given test files with Jest's drill project (MOTCUA_DRILL=1) and the normal integration one.
run_jest() {
  (cd "$DRILL_ROOT" && MOTCUA_DRILL=1 npx jest --config jest.config.js --runTestsByPath "$@")
}
