#!/usr/bin/env bash
# scripts/e2e.sh [OKRA_BINARY] — end-to-end tests of the web UI in a real headless Chromium.
#
# Starts the real `okra demo` on a free loopback port with a new SQLite file, then runs pytest on tests/e2e
# (Python Playwright driving Debian's /usr/bin/chromium, axe-core for accessibility) against it. Each test saves
# a full-page screenshot named after it into SCREENSHOT_DIR.
#   PYTHON=python with the packages of tests/e2e/requirements.txt (default: /tmp/okra-ci-venv/bin/python if it
#          has playwright, else python3)
#   SCREENSHOT_DIR=where the screenshots go (default: a new temporary folder, printed at the end)
#   extra pytest arguments can follow the binary: scripts/e2e.sh .build/debug/okra -k map
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-.build/debug/okra}")"
shift || true
if [[ -z "${PYTHON:-}" ]]; then
    PYTHON=python3
    for candidate in /tmp/okra-ci-venv/bin/python /tmp/testtools-venv/bin/python; do
        if [[ -x $candidate ]] && "$candidate" -c 'import playwright, axe_playwright_python' 2>/dev/null; then
            PYTHON=$candidate
            break
        fi
    done
fi
SCREENSHOT_DIR="${SCREENSHOT_DIR:-$(mktemp -d /tmp/okra-e2e-screenshots.XXXXXX)}"
mkdir -p "$SCREENSHOT_DIR"
WORK="$(mktemp -d /tmp/okra-e2e.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

"$BIN" demo --port "$PORT" --db "$WORK/okra.db" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
healthy() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$BASE/health" 2>/dev/null
}
for _ in $(seq 1 100); do healthy && break; sleep 0.2; done
healthy || { echo "okra did not start:"; cat "$WORK/server.log"; exit 1; }

set +e
OKRA_BASE_URL="$BASE" OKRA_BINARY="$BIN" OKRA_DB="$WORK/okra.db" SCREENSHOT_DIR="$SCREENSHOT_DIR" \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    "$PYTHON" -m pytest tests/e2e -c tests/e2e/pytest.ini --rootdir tests/e2e -v -rA "$@"
status=$?
set -e
if grep -qiE "panic|fatal error" "$WORK/server.log"; then
    echo "the server crashed:"; tail -40 "$WORK/server.log"; exit 1
fi
echo "e2e exit code: $status; screenshots in $SCREENSHOT_DIR"
exit "$status"
