#!/usr/bin/env bash
# scripts/headers-check.sh [OKRA_BINARY] — the security headers of Okra's answers, judged by drheader (PyPI).
#
# Loads the demo into a new SQLite file, serves it with `okra serve --secure-cookies` (as behind HTTPS) on a free
# loopback port, signs in as the demo admin through the real form, and runs drheader's default rules on pages
# (signed in and not), the JSON API, the meeting's Markdown and /health. Fails when drheader reports anything.
#   DRHEADER=path/to/drheader (default: drheader on PATH)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/debug/okra}"
DRHEADER="${DRHEADER:-drheader}"
WORK="$(mktemp -d /tmp/okra-headers.XXXXXX)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
healthy() { python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1/health" 2>/dev/null; }

# The demo's data first (okra demo loads it), then the same file served as production would serve it.
PORT="$(free_port)"
"$BIN" demo --port "$PORT" --db "$WORK/okra.db" >"$WORK/demo.log" 2>&1 &
DEMO=$!
for _ in $(seq 1 100); do healthy "http://127.0.0.1:$PORT" && break; sleep 0.2; done
kill "$DEMO"; wait "$DEMO" 2>/dev/null || true
PORT="$(free_port)"
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --port "$PORT" --db "$WORK/okra.db" --secure-cookies >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do healthy "$BASE" && break; sleep 0.2; done
healthy "$BASE" || { echo "okra did not start:"; cat "$WORK/server.log"; exit 1; }

# Secure cookies are not sent back over plain HTTP by a client, so the session is carried by hand.
COOKIES="$(python3 - "$BASE" <<'PY'
import re, sys, urllib.request, urllib.parse
base = sys.argv[1]
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs): return None
opener = urllib.request.build_opener(NoRedirect)
first = opener.open(base + "/sign-in")
csrf = re.search(r"okra_csrf=([0-9a-f]+)", first.headers.get("Set-Cookie", "")).group(1)
form = urllib.parse.urlencode({"email": "admin@okra.demo", "password": "okra-demo-2026", "csrf": csrf, "next": "/"})
request = urllib.request.Request(base + "/sign-in", data=form.encode(), headers={"Cookie": "okra_csrf=" + csrf})
try:
    answer = opener.open(request)
except urllib.error.HTTPError as redirect:
    answer = redirect
cookies = dict(re.findall(r"(okra_\w+)=([0-9a-f]+)", ", ".join(answer.headers.get_all("Set-Cookie") or [])))
if "okra_session" not in cookies: sys.exit("sign-in failed")
print("; ".join(f"{k}={v}" for k, v in cookies.items()))
PY
)"

status_of() { python3 - "$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs): return None
try:
    print(urllib.request.build_opener(NoRedirect).open(urllib.request.Request(sys.argv[1], headers={"Cookie": sys.argv[2]})).status)
except urllib.error.HTTPError as error:
    print(error.code)
PY
}

failed=0
for path in / /company /map /check-in /objectives/o-mkt-mql /teams/marketing /teams/marketing/meeting \
    /teams/marketing/meeting.md /cycles /settings /settings/people /api/v1/objectives /health /sign-in; do
  cookies="$COOKIES"
  [[ $path == /sign-in ]] && cookies=""  # the sign-in form, as someone not signed in sees it
  report="$("$DRHEADER" scan single --output json "$BASE$path" --headers "{\"Cookie\": \"$cookies\"}" \
    --allow-redirects false 2>&1 || true)"
  status="$(status_of "$BASE$path" "$cookies")"
  [[ $status == 200 ]] || { echo "FAILED  $path answered $status, not 200"; failed=1; }
  if python3 -c 'import json, sys; sys.exit(0 if json.loads(sys.argv[1]) == [] else 1)' "$report" 2>/dev/null; then
    echo "ok      $path ($status)"
  else
    echo "FINDING $path: $report"
    failed=1
  fi
done
exit "$failed"
