#!/usr/bin/env bash
# scripts/two-instances.sh [OKRA_BINARY] — two `okra serve` on one throwaway PostgreSQL behind haproxy, on
# loopback: one session served by both, a check-in on one instance heard by an event stream on the other (the
# delay is printed), webhooks delivered once, and one instance killed mid-burst losing nothing acknowledged.
# Needs haproxy (Debian: apt-get install haproxy) and PostgreSQL's server binaries (scripts/pg-throwaway.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${1:-.build/debug/okra}")"
command -v haproxy >/dev/null || { echo "two-instances: haproxy is not installed" >&2; exit 2; }
WORK="$(mktemp -d /tmp/okra-two.XXXXXX)"
set +e
bash scripts/pg-throwaway.sh -- sh -c 'exec python3 system-tests/two_instances/run.py "$0" "$DATABASE_URL" "$1"' "$BIN" "$WORK"
status=$?
set -e
if [[ $status -ne 0 ]]; then
  for log in "$WORK"/*.log; do echo "== $log"; tail -20 "$log"; done
fi
exit "$status"
