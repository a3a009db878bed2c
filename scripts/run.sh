#!/usr/bin/env bash
# Sets up what is missing, builds Casebook and opens the desktop app on the default database
# (casebook.sqlite3 in the app-data folder; pass --db PATH to use another). Extra arguments go
# to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
echo "== Building Casebook (the first build takes a few minutes)"
cargo build -p casebook-cli -p casebook-desktop
echo "== The command line tool is at $(pwd)/target/debug/casebook"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "error: no display. Run this from a desktop session (or under xvfb-run to try it headless)." >&2
  exit 1
fi
exec ./target/debug/casebook-desktop "$@"
