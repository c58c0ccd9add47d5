#!/usr/bin/env bash
# scripts/screenshots.sh BINARY OUTDIR — full-page screenshots of every page (scripts/screenshots.py) of a fresh
# `BINARY demo` on a free loopback port: an admin and a member, vi and en, 1366 and 390 px.
#   PYTHON=python with playwright (default: /tmp/okra-ci-venv/bin/python)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "$1")"
OUT="$2"
PYTHON="${PYTHON:-/tmp/okra-ci-venv/bin/python}"
WORK="$(mktemp -d /tmp/okra-shots.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
(cd "$WORK" && exec "$BIN" demo --port "$PORT" --db "$WORK/okra.db" --public-url "$BASE") >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$BASE/health" 2>/dev/null && break
    sleep 0.2
done
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 "$PYTHON" scripts/screenshots.py "$BASE" "$OUT"
