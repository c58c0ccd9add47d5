#!/usr/bin/env bash
# bench-pages.sh [debug|release] [DURATION]
# Measures what a newcomer and a busy team feel: the time from `okra demo` to a served page, the overview page
# and the objectives API under load (wrk, loopback only, server pinned to CPU 0 and wrk to CPU 1), and the
# memory the server holds afterwards. Prints one line per figure.
# Then the alignment map at 5,000 objectives (50 teams × 100 people, seeded by store calls into a temporary
# SQLite file, rendered through the in-process router of a DEBUG test build): bytes, median time and queries of
# /map collapsed and with one team opened. Set BENCH_MAP=0 to skip it. Figures only; nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG="${1:-release}"
DURATION="${2:-10s}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c "$CONFIG" --product okra >/dev/null 2>&1 || swift build -c "$CONFIG" --product okra
BIN="$(swift build -c "$CONFIG" --show-bin-path 2>/dev/null)/okra"
WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
PIN_SERVER=(); PIN_WRK=()
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then PIN_SERVER=(taskset -c 0); PIN_WRK=(taskset -c 1); fi

start=$(date +%s.%N)
LOG_LEVEL=error "${PIN_SERVER[@]}" "$BIN" demo --port "$PORT" --db "$WORK/demo.db" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
until curl -sf "$BASE/sign-in" -o /dev/null; do sleep 0.02; done
echo "demo_to_served_page_s $(python3 -c "print(round($(date +%s.%N) - $start, 2))") ($CONFIG build, new database)"

JAR="$WORK/cookies"
curl -s -c "$JAR" -b "$JAR" "$BASE/sign-in" -o /dev/null
CSRF="$(awk '$6 == "okra_csrf" {print $7}' "$JAR")"
curl -s -c "$JAR" -b "$JAR" -o /dev/null -X POST \
  -d "email=admin%40okra.demo&password=okra-demo-2026&csrf=$CSRF&next=%2F" "$BASE/sign-in"
COOKIE="$(awk '$6 ~ /^okra_/ {printf "%s=%s; ", $6, $7}' "$JAR")"
TOKEN="$("$BIN" token create --db "$WORK/demo.db" --email admin@okra.demo)"

bench() {  # name, path, cookie, authorization
  COOKIE="$3" AUTHORIZATION="$4" "${PIN_WRK[@]}" wrk -t1 -c16 -d"$DURATION" --timeout 5s \
    -s scripts/bench/summary.lua "$BASE$2" | grep '^WRK_JSON' | sed "s/^WRK_JSON {/$1 {/"
}
bench overview_page / "$COOKIE" ""
bench alignment_map /map "$COOKIE" ""
bench api_objectives /api/v1/objectives "" "Bearer $TOKEN"
echo "server_rss_mib $(( $(awk '/VmRSS/ {print $2}' /proc/$SERVER/status) / 1024 ))"

if [[ "${BENCH_MAP:-1}" == 1 ]]; then
  swift build --build-tests >/dev/null 2>&1 || swift build --build-tests
  OKRA_BENCH_MAP=1 swift test --skip-build --filter 'AlignmentMapPageTests/benchmark' 2>&1 \
    | grep -E '^map_' | sed 's/$/ (debug test build, in-process)/'
fi
