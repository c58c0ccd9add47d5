#!/usr/bin/env bash
# scripts/e2e.sh [OKRA_BINARY] — end-to-end tests of the web UI in a real headless Chromium.
#
# Starts a real OpenID Connect provider (oidc-provider-mock from PyPI) and the real `okra demo` on free loopback
# ports with a new SQLite file, signing in through that provider as well as with passwords, then runs pytest on
# system-tests/e2e (Python Playwright driving Debian's /usr/bin/chromium, axe-core for accessibility) against it. Each
# test saves a full-page screenshot named after it into SCREENSHOT_DIR.
#   PYTHON=python with the packages of system-tests/e2e/requirements.txt (default: /tmp/okra-ci-venv/bin/python if it
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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
IDP_PORT="$(free_port)"
IDP="http://127.0.0.1:$IDP_PORT"
answers() {
    python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null
}

# The identity provider, with one person it offers by name (the login form also takes any other subject).
"$PYTHON" -m oidc_provider_mock --port "$IDP_PORT" --require-nonce \
    --user-claims '{"sub": "u-vy", "email": "vy@okra.demo", "email_verified": true, "name": "Phan Thảo Vy"}' \
    >"$WORK/idp.log" 2>&1 &
IDP_PID=$!
"$BIN" demo --port "$PORT" --db "$WORK/okra.db" --public-url "$BASE" \
    --oidc-issuer "$IDP" --oidc-client-id okra-e2e --oidc-client-secret e2e-secret \
    --oidc-allowed-domains okra.demo --oidc-name "Okra IdP" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" "$IDP_PID" 2>/dev/null || true; wait "$SERVER" "$IDP_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do answers "$BASE/health" && answers "$IDP/.well-known/openid-configuration" && break; sleep 0.2; done
answers "$BASE/health" || { echo "okra did not start:"; cat "$WORK/server.log"; exit 1; }
answers "$IDP/.well-known/openid-configuration" || { echo "the OIDC provider did not start:"; cat "$WORK/idp.log"; exit 1; }

set +e
OKRA_BASE_URL="$BASE" OKRA_BINARY="$BIN" OKRA_DB="$WORK/okra.db" SCREENSHOT_DIR="$SCREENSHOT_DIR" \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    "$PYTHON" -m pytest system-tests/e2e -c system-tests/e2e/pytest.ini --rootdir system-tests/e2e -v -rA "$@"
status=$?
set -e
if grep -qiE "panic|fatal error" "$WORK/server.log"; then
    echo "the server crashed:"; tail -40 "$WORK/server.log"; exit 1
fi
echo "e2e exit code: $status; screenshots in $SCREENSHOT_DIR"
exit "$status"
