#!/usr/bin/env bash
# scripts/api-fuzz.sh [OKRA_BINARY] — fuzz the JSON API against its own OpenAPI document with schemathesis.
#
# Starts the real `okra demo` on a free loopback port with a new SQLite file, creates an admin API token with
# `okra token create`, and runs schemathesis with every check (server errors, status codes, content types,
# response schemas and headers, negative data rejected, positive data accepted, undeclared methods answered
# 405 with Allow, authentication not ignored). Fails when schemathesis finds anything or when fewer than
# MIN_REQUESTS (1000) requests were generated. The stateful phase is left out: it chains calls by the links it
# infers and, with an admin token, revokes that very token (`DELETE /tokens/{id}`), so the rest of the run would
# test only 401s. One worker: with two, schemathesis' Python occasionally fails inside its own AST handling.
#   ST=path/to/schemathesis  N=examples per operation (default 40)  REPORT_DIR=where the JUnit report goes
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/debug/okra}"
ST="${ST:-schemathesis}"
N="${N:-40}"
MIN_REQUESTS="${MIN_REQUESTS:-1000}"
REPORT_DIR="${REPORT_DIR:-$(mktemp -d /tmp/okra-fuzz-report.XXXXXX)}"
mkdir -p "$REPORT_DIR" && rm -f "$REPORT_DIR"/har-*.json "$REPORT_DIR"/junit-*.xml
WORK="$(mktemp -d /tmp/okra-fuzz.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

"$BIN" demo --port "$PORT" --db "$WORK/okra.db" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$BASE/health" 2>/dev/null; }
for _ in $(seq 1 100); do healthy && break; sleep 0.2; done
healthy || { echo "okra did not start:"; cat "$WORK/server.log"; exit 1; }
TOKEN="$("$BIN" token create --db "$WORK/okra.db" --email admin@okra.demo --name fuzz)"

set +e
"$ST" --config-file schemathesis.toml --no-color run "$BASE/openapi.json" --url "$BASE" \
    --checks all \
    --header "Authorization: Bearer $TOKEN" \
    --phases examples,coverage,fuzzing \
    --max-examples "$N" --seed 42 --workers 1 \
    --request-timeout 20 \
    --generation-database none \
    --report junit,har --report-dir "$REPORT_DIR" 2>&1 | tee "$WORK/schemathesis.log"
status=${PIPESTATUS[0]}
set -e
if grep -qiE "panic|fatal error|Fatal error" "$WORK/server.log"; then
    echo "the server crashed:"; tail -40 "$WORK/server.log"; exit 1
fi
requests="$(python3 - "$REPORT_DIR" <<'PY'
import sys, glob, json
print(sum(len(json.load(open(path))["log"]["entries"]) for path in glob.glob(sys.argv[1] + "/har-*.json")))
PY
)"
echo "schemathesis exit code: $status; $requests requests; reports in $REPORT_DIR"
[[ $status -eq 0 ]] || exit "$status"
if (( requests < MIN_REQUESTS )); then
    echo "only $requests requests were made; at least $MIN_REQUESTS are required" >&2
    exit 1
fi
