#!/usr/bin/env bash
# bench.sh — Okra under load on a generated organization (Acme-5k by default), one table of figures.
#
#   scripts/bench.sh [--quick] [--people N] [--seed S] [--database-url URL | --postgres] [--single] [--rounds N]
#                    [--regenerate]
#
# Builds the release binary (`swift build -c release --product okra`; OKRA_BIN=PATH uses that binary instead),
# generates the organization once into .bench-cache/ (keyed by people, seed and check-in factor; a fresh copy is
# served on every run, so the benchmark's own writes never accumulate), serves it with `okra serve` pinned to
# CPU 0, signs in as the generated lead and member through the real sign-in form (pages) and with API tokens
# from `okra token create` (API), and runs wrk (Debian; installed when missing) pinned to CPU 1 with
# 64 connections and 2 threads, 10 s per scenario:
#   the ceiling (GET /assets/okra.css, GET /health), My week, the check-in page, a team page, an objective page,
#   the company page, the map, GET /api/v1/objectives?limit=50 (page 1, and a page ~50 deep by its cursor), the
#   cycle's alignment tree, POST check-ins (each answer must be 201), and a 75/25 read/write mix for 60 s.
# Every scenario is probed once first as the person it runs as (a page must answer 200, not a redirect to the
# sign-in), and starts only once the server is idle again (wrk leaves requests in flight when it stops).
# It prints the figures (req/s, p50, p99, errors, bytes per response, req/s as a share of the same run's
# ceiling), one unloaded request to the company page, the map and the tree (time and size), and the server's
# memory at rest and after the load. Then the same again on the organization generated with twice the check-in
# history (same seed), with the change of every figure in %. On SQLite both organizations are served at once and
# each scenario runs on one and then on the other, so that the machine's drift falls on both alike; PostgreSQL
# holds one at a time.
#
# Options:
#   --quick              3 s per scenario (the mix too), to try the script
#   --people N, --seed S passed to `okra generate` (default 5000 and 1)
#   --database-url URL   run on PostgreSQL (also BENCH_DATABASE_URL). THE DATABASE IS WIPED (schema public
#                        dropped and recreated) before the data is loaded; only a loopback host unless
#                        BENCH_ALLOW_REMOTE_DB=1. The generated data is cached as a pg_dump file
#   --postgres           start a throwaway PostgreSQL 15 (scripts/pg-throwaway.sh, fsync on) and run on it
#   --single             skip the second table (doubled check-in history)
#   --rounds N           run every scenario N times per organization (default 1; the mix runs once) and show each
#                        figure's median over the rounds; on SQLite the rounds alternate which organization goes
#                        first (f1 f2, f2 f1, …), so that a drift in the machine's speed falls on both alike
#   --regenerate         generate again even when the cache holds the data
# Environment:
#   OKRA_BIN             the okra binary to measure (no build then)
#   DURATION (10s), MIX_DURATION (60s), CONNECTIONS (64), THREADS (2), TIMEOUT (10s, wrk's per-request timeout)
#   BENCH_DEEP_PAGE (50) the page of the objectives list whose cursor is measured
#   BENCH_CACHE (.bench-cache), BENCH_CACHE_DAYS (7: older data is generated again, since the generated
#                        current cycle is placed around the day it was generated)
#   BENCH_PASSWORD       the generated people's password (okra-bench-2026)
#   SERVER_LOG_LEVEL     the server's LOG_LEVEL (warning); its log is shown when something fails
# The table goes to standard output, progress to standard error; the raw figures are kept in
# .bench-cache/last-run.tsv. Exit 1 when the server does not start, a page does not answer 200 to its signed-in
# probe, or a scenario has only errors; 2 on a usage error. Figures only: nothing is asserted about speed.
set -euo pipefail
CALLER_DIR="$PWD"
cd "$(dirname "$0")/.."
ROOT="$PWD"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

PEOPLE=5000
SEED=1
QUICK=0
SINGLE=0
ROUNDS=1
REGENERATE=0
POSTGRES=0
DB_URL="${BENCH_DATABASE_URL:-}"
while (($#)); do
  case "$1" in
    --people) PEOPLE="${2:?--people needs a number}"; shift 2 ;;
    --seed) SEED="${2:?--seed needs a value}"; shift 2 ;;
    --database-url) DB_URL="${2:?--database-url needs a URL}"; shift 2 ;;
    --postgres) POSTGRES=1; shift ;;
    --quick) QUICK=1; shift ;;
    --single) SINGLE=1; shift ;;
    --rounds) ROUNDS="${2:?--rounds needs a number}"; shift 2 ;;
    --regenerate) REGENERATE=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$PEOPLE" =~ ^[0-9]+$ ]] || { echo "bench: --people expects a number" >&2; exit 2; }
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --rounds expects a number from 1" >&2; exit 2; }
[[ $POSTGRES == 1 && -n "$DB_URL" ]] && { echo "bench: --postgres and --database-url exclude each other" >&2; exit 2; }

seconds() { [[ "$1" =~ ^[0-9]+$ ]] && echo "${1}s" || echo "$1"; }
if [[ $QUICK == 1 ]]; then
  DURATION="$(seconds "${DURATION:-3s}")"
  MIX_DURATION="$(seconds "${MIX_DURATION:-3s}")"
else
  DURATION="$(seconds "${DURATION:-10s}")"
  MIX_DURATION="$(seconds "${MIX_DURATION:-60s}")"
fi
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
TIMEOUT="$(seconds "${TIMEOUT:-10s}")"
DEEP_PAGE="${BENCH_DEEP_PAGE:-50}"
CACHE="${BENCH_CACHE:-$ROOT/.bench-cache}"
# What a seed makes: bump it when `okra generate` changes, so that no cached organization from before is used.
GENERATOR=g2
CACHE_DAYS="${BENCH_CACHE_DAYS:-7}"
PASSWORD="${BENCH_PASSWORD:-okra-bench-2026}"
LUA="$ROOT/scripts/bench"

log() { echo "bench: $*" >&2; }
die() {
  echo "bench: error: $*" >&2
  exit 1
}

# --- tools
export DEBIAN_FRONTEND=noninteractive
for tool in curl python3; do command -v "$tool" >/dev/null || die "$tool is needed"; done
if ! command -v wrk >/dev/null; then
  log "installing wrk (apt-get)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
PIN_SERVER=()
PIN_WRK=()
if command -v taskset >/dev/null && (($(nproc) >= 2)); then
  PIN_SERVER=(taskset -c 0)
  PIN_WRK=(taskset -c 1)
fi

# --- the binary
if [[ -n "${OKRA_BIN:-}" ]]; then
  BIN="$OKRA_BIN"
  [[ "$BIN" == /* ]] || BIN="$CALLER_DIR/$BIN"
  [[ -x "$BIN" ]] || die "OKRA_BIN=$BIN is not an executable"
else
  log "building the release binary (swift build -c release --product okra)"
  swift build -c release --product okra >&2 || die "the release build failed"
  BIN="$(swift build -c release --show-bin-path)/okra"
fi
BUILD="release"
[[ "$BIN" == */debug/* ]] && BUILD="DEBUG"
if ! "$BIN" generate --help 2>&1 | grep -q -- --check-in-factor; then
  die "$BIN has no 'okra generate --check-in-factor' yet"
fi

mkdir -p "$CACHE"
rm -rf "$CACHE/failed-run-logs"
RUN="$(mktemp -d "$CACHE/run.XXXXXX")" # on the repository's disk: the writes are fsync'd there
RESULTS="$RUN/results.tsv"
: >"$RESULTS"
SERVER_PID=""
SERVER_PIDS=() # every server started, stopped on exit
PG_PID=""
stop_server() {
  [[ -n "$SERVER_PID" ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    SERVER_PID="$pid"
    stop_server
  done
  if [[ -n "$PG_PID" ]]; then
    kill "$PG_PID" 2>/dev/null || true
    wait "$PG_PID" 2>/dev/null || true
  fi
  if ((rc != 0)) && compgen -G "$RUN/*.log" >/dev/null; then
    mkdir -p "$CACHE/failed-run-logs" && cp "$RUN"/*.log "$CACHE/failed-run-logs/" &&
      echo "bench: the logs of this run are in $CACHE/failed-run-logs" >&2
  fi
  rm -rf "$RUN"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if [[ "$(findmnt -n -o FSTYPE -T "$RUN" 2>/dev/null)" == tmpfs ]]; then
  log "warning: $CACHE is on tmpfs: an fsync costs nothing there, write figures are not durable ones"
fi

# --- PostgreSQL
if [[ $POSTGRES == 1 ]]; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing PostgreSQL (apt-get)"
    apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  log "starting a throwaway PostgreSQL (fsync on)"
  PG_DURABLE=1 PG_ENV_FILE="$RUN/pg.env" bash scripts/pg-throwaway.sh >"$RUN/pg.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 600); do
    [[ -f "$RUN/pg.env" ]] && break
    kill -0 "$PG_PID" 2>/dev/null || { cat "$RUN/pg.log" >&2; die "the throwaway PostgreSQL did not start"; }
    sleep 0.1
  done
  [[ -f "$RUN/pg.env" ]] || die "the throwaway PostgreSQL did not start within 60 s"
  # shellcheck source=/dev/null
  DB_URL="$(. "$RUN/pg.env" && echo "$DATABASE_URL")"
fi
if [[ -n "$DB_URL" ]]; then
  command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client >/dev/null; }
  host="$(python3 -c 'import sys,urllib.parse as u; print(u.urlsplit(sys.argv[1]).hostname or "")' "$DB_URL")"
  case "$host" in
    127.* | localhost | ::1 | "") ;;
    *) [[ "${BENCH_ALLOW_REMOTE_DB:-0}" == 1 ]] ||
      die "refusing to wipe the database on $host (not loopback); set BENCH_ALLOW_REMOTE_DB=1 to allow it" ;;
  esac
  ENGINE="PostgreSQL $(psql "$DB_URL" -XAtqc 'SHOW server_version' | awk '{print $1}')"
else
  ENGINE="SQLite (a fresh copy of the cached file, on the disk of $CACHE)"
fi

# --- small helpers
json() { # json EXPRESSION < JSON: prints the Python expression over `d`, the parsed document
  python3 -c 'import json,sys; d=json.load(sys.stdin); v=eval(sys.argv[1]); print("" if v is None else v)' "$1"
}
urlencode() { python3 -c 'import sys,urllib.parse as u; print(u.quote(sys.argv[1], safe=""))' "$1"; }
meta() { sed -n "s/^$1: *//p" "$META" | head -n1; }
DB_ARGS=()
okra() { "$BIN" "$@" "${DB_ARGS[@]}"; }

start_server() { # start_server LOG: okra serve on a free port, pinned to CPU 0; sets SERVER_PID and BASE
  local logfile="$1" line=""
  LOG_LEVEL="${SERVER_LOG_LEVEL:-warning}" "${PIN_SERVER[@]}" "$BIN" serve "${DB_ARGS[@]}" --port 0 \
    >"$logfile" 2>&1 &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  for _ in $(seq 3000); do
    line="$(grep -m1 -o 'Okra is serving on http://[^ ]*' "$logfile" || true)"
    [[ -n "$line" ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -n 30 "$logfile" >&2
      SERVER_PID=""
      die "the server failed to start"
    fi
    sleep 0.1
  done
  [[ -n "$line" ]] || { tail -n 30 "$logfile" >&2; die "the server did not listen within 300 s"; }
  BASE="${line#Okra is serving on }"
  BASE="${BASE%/}"
  curl -sf "$BASE/health" -o /dev/null || die "the server does not answer /health"
}

server_alive() {
  kill -0 "$SERVER_PID" 2>/dev/null && return 0
  tail -n 30 "$SERVER_LOG" >&2
  SERVER_PID=""
  die "the server died during the benchmark"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# settle: waits until the server is idle (at most 1 tick of CPU in 0.25 s, twice in a row; 120 s at most), so that
# the requests wrk left in flight at the end of a scenario are not served during the next one.
settle() {
  local idle=0 before after waited
  for waited in $(seq 480); do
    before="$(cpu_ticks)"
    sleep 0.25
    after="$(cpu_ticks)"
    if ((after - before <= 1)); then
      idle=$((idle + 1))
      if ((idle >= 2)); then
        ((waited > 8)) && log "$PHASE: waited $((waited / 4)) s for the server to finish the requests left in flight"
        return 0
      fi
    else
      idle=0
    fi
  done
  log "$PHASE: warning: the server is still busy 120 s after the scenario"
}

rss_kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$SERVER_PID/status"; }

# --- the data
cache_fresh() { # cache_fresh DATA META: both exist, from the last BENCH_CACHE_DAYS days, and no --regenerate
  [[ $REGENERATE == 0 && -s "$1" && -s "$2" ]] || return 1
  local made
  made="$(sed -n 's/^cached_on: *//p' "$2")"
  [[ -n "$made" ]] || return 1
  if (($(date +%s) - $(date -d "$made" +%s) > CACHE_DAYS * 86400)); then
    log "$(basename "$1") was generated on $made, more than $CACHE_DAYS days ago: generating it again"
    return 1
  fi
}

generate() { # generate FACTOR META DB-ARGS…: okra generate, its output into META (and shown)
  local factor="$1" out="$2"
  shift 2
  log "okra generate --people $PEOPLE --seed $SEED --check-in-factor $factor (once; cached in $CACHE)"
  "$BIN" generate "$@" --people "$PEOPLE" --seed "$SEED" --password "$PASSWORD" --check-in-factor "$factor" \
    | tee "$out.tmp" >&2 || {
    rm -f "$out.tmp"
    die "okra generate failed"
  }
  echo "cached_on: $(date +%F)" >>"$out.tmp"
  mv "$out.tmp" "$out"
}

wipe_postgres() {
  log "wiping the database (DROP SCHEMA public CASCADE)"
  psql "$DB_URL" -Xq -v ON_ERROR_STOP=1 -c 'SET client_min_messages = warning' \
    -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public' || die "could not wipe the database"
}

# prepare FACTOR: a fresh copy of the organization with FACTOR × the check-in history; sets DB_ARGS and META.
prepare() {
  local factor="$1" label name
  label="$PEOPLE"
  ((PEOPLE % 1000 == 0)) && label="$((PEOPLE / 1000))k"
  name="acme-$label-seed$SEED-f$factor-$GENERATOR"
  if [[ -n "$DB_URL" ]]; then
    DB_ARGS=(--database-url "$DB_URL")
    META="$CACHE/$name.pg.txt"
    local dump="$CACHE/$name.pgdump"
    wipe_postgres
    if cache_fresh "$dump" "$META"; then
      log "restoring $name from $dump"
      pg_restore --no-owner --no-privileges -j 2 -d "$DB_URL" "$dump" || die "pg_restore failed ($dump)"
      psql "$DB_URL" -Xq -c 'SET client_min_messages = error' -c ANALYZE
    else
      rm -f "$dump" "$CACHE/$name.pg.cursor"
      generate "$factor" "$META" "${DB_ARGS[@]}"
      if command -v pg_dump >/dev/null && pg_dump -Fc --no-owner -f "$dump.tmp" "$DB_URL"; then
        mv "$dump.tmp" "$dump"
      else
        rm -f "$dump.tmp"
        log "warning: no pg_dump cache; the organization will be generated again next time"
      fi
    fi
    CURSOR_CACHE="$CACHE/$name.pg.cursor"
  else
    local data="$CACHE/$name.db"
    META="$CACHE/$name.txt"
    if ! cache_fresh "$data" "$META"; then
      rm -f "$data" "$data-wal" "$data-shm" "$data.tmp" "$data.tmp-wal" "$data.tmp-shm" "$CACHE/$name.cursor"
      generate "$factor" "$META" --db "$data.tmp"
      [[ -f "$data.tmp-wal" ]] && mv "$data.tmp-wal" "$data-wal"
      rm -f "$data.tmp-shm"
      mv "$data.tmp" "$data"
    fi
    cp "$data" "$RUN/f$factor.db"
    [[ -f "$data-wal" ]] && cp "$data-wal" "$RUN/f$factor.db-wal"
    DB_ARGS=(--db "$RUN/f$factor.db")
    CURSOR_CACHE="$CACHE/$name.cursor"
  fi
}

# --- signing in
sign_in() { # sign_in EMAIL: the Cookie header of a session made through the sign-in form
  local email="$1" jar="$RUN/jar.$1" csrf status session
  rm -f "$jar"
  curl -s -c "$jar" -b "$jar" -o /dev/null "$BASE/sign-in"
  csrf="$(awk '$6 == "okra_csrf" {print $7}' "$jar")"
  [[ -n "$csrf" ]] || die "the sign-in form set no okra_csrf cookie"
  status="$(curl -s -c "$jar" -b "$jar" -o "$RUN/sign-in.html" -w '%{http_code}' \
    --data-urlencode "email=$email" --data-urlencode "password=$(meta password)" \
    --data-urlencode "csrf=$csrf" --data-urlencode "next=/" "$BASE/sign-in")"
  session="$(awk '$6 == "okra_session" {print $7}' "$jar")"
  [[ "$status" == 303 && -n "$session" ]] || die "signing in as $email failed (HTTP $status)"
  csrf="$(awk '$6 == "okra_csrf" {print $7}' "$jar")" # signing in gives a new one
  echo "okra_session=$session; okra_csrf=$csrf"
}

# probe NAME PATH WHO: one request as the scenario will send it; it must answer 200 (201 for the POST)
probe() {
  local name="$1" path="$2" who="$3" expect="${4:-200}" out
  local args=(-s -o "$RUN/probe.body" -D "$RUN/probe.headers" -w '%{http_code} %{size_download} %{time_total}')
  case "$who" in
    member) args+=(-H "Cookie: $COOKIE_MEMBER") ;;
    lead) args+=(-H "Cookie: $COOKIE_LEAD") ;;
    token) args+=(-H "Authorization: Bearer $TOKEN_MEMBER" -H "Accept: application/json") ;;
  esac
  [[ "$expect" == 201 ]] && args+=(-X POST -H "Content-Type: application/json" \
    --data '{"value":'"$CHECKIN_BASE"',"confidence":7,"note":"bench probe"}')
  out="$(curl "${args[@]}" "$BASE$path")"
  if [[ "${out%% *}" != "$expect" ]]; then
    echo "bench: $name: $BASE$path as $who answered HTTP ${out%% *}, not $expect" >&2
    grep -i '^location:' "$RUN/probe.headers" >&2 || head -c 600 "$RUN/probe.body" >&2
    echo >&2
    die "the $name probe failed"
  fi
  echo "$out"
}

# scenario KEY LABEL WHO LUA PATH DURATION [VAR=VALUE…]: one wrk run; its BENCH line into the results
FAILED=0
scenario() {
  local key="$1" label="$2" who="$3" lua="$4" path="$5" duration="$6" out line
  shift 6
  local env=(COOKIE= AUTHORIZATION= EXPECT=)
  case "$who" in
    member) env+=(COOKIE="$COOKIE_MEMBER") ;;
    lead) env+=(COOKIE="$COOKIE_LEAD") ;;
    token | mix) env+=(AUTHORIZATION="Bearer $TOKEN_MEMBER") ;;
  esac
  settle
  log "$PHASE: $label ($duration)"
  out="$(env "${env[@]}" "$@" "${PIN_WRK[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --timeout "$TIMEOUT" \
    -s "$LUA/$lua" "$BASE$path" 2>&1)" || { echo "$out" >&2; die "wrk failed on $label"; }
  line="$(grep -m1 '^BENCH ' <<<"$out")" || { echo "$out" >&2; die "wrk printed no BENCH line for $label"; }
  printf 'scenario\t%s\t%s\t%s\t%s\t%s\n' "$PHASE" "$key" "$label" "$who" "${line#BENCH }" >>"$RESULTS"
  local requests errors
  requests="$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")"
  errors="$(sed -n 's/.* errors=\([0-9]*\).*/\1/p' <<<"$line")"
  if ((errors > 0 && errors >= requests)); then
    log "$PHASE: $label: only errors ($errors errors, $requests answers)"
    grep -v '^Okra is serving' "$SERVER_LOG" | tail -n 5 >&2
    FAILED=1
  elif ((requests == 0)); then
    log "$PHASE: $label: no answer completed within $duration (wrk counts only completed requests)"
  fi
  server_alive
  settle # before another server (the other organization's) runs the next scenario
}

# What one organization's server is measured with; `keep_phase` keeps them under the phase's name (BASE_f1, …)
# and `use_phase` brings them back, so that two servers can be measured in turn.
PHASE_VARS=(BASE SERVER_PID SERVER_LOG META TOKEN_MEMBER COOKIE_MEMBER COOKIE_LEAD TEAM OBJECTIVE CYCLE DEEP_AT
  DEEP_PATH CHECKIN_PATH CHECKIN_BASE CHECKIN_STEP CHECKIN_STEPS)
keep_phase() {
  local v
  for v in "${PHASE_VARS[@]}"; do printf -v "${v}_$PHASE" '%s' "${!v}"; done
}
use_phase() {
  PHASE="$1"
  local v name
  for v in "${PHASE_VARS[@]}"; do
    name="${v}_$1"
    printf -v "$v" '%s' "${!name}"
  done
}

# serve_phase FACTOR: serves a fresh copy of the organization with FACTOR × the check-in history, signs in,
# probes every scenario once and measures the unloaded requests; keeps what its scenarios need (`keep_phase`).
serve_phase() {
  local factor="$1"
  PHASE="f$factor"
  prepare "$factor"
  local lead member kr
  lead="$(meta lead)"
  member="$(meta member)"
  TEAM="$(meta team)"
  OBJECTIVE="$(meta objective)"
  kr="$(meta 'key result')"
  for v in lead member TEAM OBJECTIVE kr; do [[ -n "${!v}" ]] || die "the organization names no $v ($META)"; done
  local team="$TEAM" objective="$OBJECTIVE"
  TOKEN_MEMBER="$(okra token create --email "$member" --name bench)" || die "okra token create failed"
  SERVER_LOG="$RUN/server-$PHASE.log"
  start_server "$SERVER_LOG"
  log "$PHASE: serving on $BASE (pid $SERVER_PID)"
  printf 'meta\t%s\tserver\t%s\n' "$PHASE" "$BASE" >>"$RESULTS"
  grep -v '^password:' "$META" | sed "s/^/meta\t$PHASE\tdataset\t/" >>"$RESULTS"

  COOKIE_MEMBER="$(sign_in "$member")"
  COOKIE_LEAD="$(sign_in "$lead")"

  # The active cycle, the deep cursor, and values that fit the KR.
  local cycle deep_cursor deep_page kr_json
  cycle="$(curl -sf -H "Authorization: Bearer $TOKEN_MEMBER" "$BASE/api/v1/cycles?limit=200" |
    json 'next((c["id"] for c in d["data"] if c["state"] == "active"), None)')" || die "GET /api/v1/cycles failed"
  [[ -n "$cycle" ]] || die "no active cycle"
  if [[ -n "$CURSOR_CACHE" && -s "$CURSOR_CACHE" ]]; then
    read -r deep_page deep_cursor <"$CURSOR_CACHE"
  else
    log "$PHASE: walking the objectives list to page $DEEP_PAGE"
    deep_page=1
    deep_cursor=""
    local next
    while ((deep_page < DEEP_PAGE)); do
      next="$(curl -sf -H "Authorization: Bearer $TOKEN_MEMBER" \
        "$BASE/api/v1/objectives?limit=50${deep_cursor:+&cursor=$(urlencode "$deep_cursor")}" |
        json 'd.get("next_cursor")')" || die "walking the objectives list failed at page $deep_page"
      [[ -n "$next" ]] || break
      deep_cursor="$next"
      deep_page=$((deep_page + 1))
    done
    [[ -n "$CURSOR_CACHE" ]] && echo "$deep_page $deep_cursor" >"$CURSOR_CACHE"
  fi
  local deep_path="/api/v1/objectives?limit=50"
  [[ -n "$deep_cursor" ]] && deep_path+="&cursor=$(urlencode "$deep_cursor")"
  kr_json="$(curl -sf -H "Authorization: Bearer $TOKEN_MEMBER" "$BASE/api/v1/key-results/$kr")" ||
    die "the member cannot read the key result $kr"
  read -r CHECKIN_BASE CHECKIN_STEP CHECKIN_STEPS < <(python3 -c '
import json, sys
kr = json.load(sys.stdin)
if kr["kind"] == "milestone":
    print(0, 1, 2); sys.exit()
num = lambda v: None if v is None else float(v)
a, b = num(kr.get("start")), num(kr.get("target"))
if kr["kind"] == "range" and kr.get("target_high") is not None:
    a, b = num(kr["target"]), num(kr["target_high"])
a = a if a is not None else (b if b is not None else 0.0)
b = b if b is not None else a + 10
lo, hi = min(a, b), max(a, b)
if hi == lo: hi = lo + 1
print(lo, (hi - lo) / 100, 100)' <<<"$kr_json")

  # Probes (also the warm-up): every scenario once, as wrk will send it.
  local checkin_path="/api/v1/key-results/$kr/check-ins"
  probe "My week" / member >/dev/null
  probe "check-in page" /check-in member >/dev/null
  probe "team page" "/teams/$team" lead >/dev/null
  probe "objective page" "/objectives/$objective" lead >/dev/null
  probe "company page" /company lead >/dev/null
  probe "map" /map lead >/dev/null
  probe "objectives API" "/api/v1/objectives?limit=50" token >/dev/null
  probe "objectives API page $deep_page" "$deep_path" token >/dev/null
  probe "tree" "/api/v1/cycles/$cycle/tree" token >/dev/null
  probe "check-in" "$checkin_path" token 201 >/dev/null
  # One unloaded request each to the heavy pages: the median of three.
  local single key label path who
  for single in "company|GET /company (lead)|/company|lead" "map|GET /map (lead)|/map|lead" \
    "tree|GET /api/v1/cycles/…/tree (member)|/api/v1/cycles/$cycle/tree|token"; do
    IFS='|' read -r key label path who <<<"$single"
    local times=() size=0 out
    for _ in 1 2 3; do
      out="$(probe "$label" "$path" "$who")"
      times+=("$(awk '{print $3}' <<<"$out")")
      size="$(awk '{print $2}' <<<"$out")"
    done
    printf 'single\t%s\t%s\t%s\t%s\t%s\n' "$PHASE" "$key" "$label" \
      "$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)" "$size" >>"$RESULTS"
  done
  sleep 2
  printf 'rss\t%s\trest\t%s\t%s\n' "$PHASE" "$(rss_kb VmRSS)" "$(rss_kb VmHWM)" >>"$RESULTS"

  CYCLE="$cycle"
  DEEP_AT="$deep_page"
  DEEP_PATH="$deep_path"
  CHECKIN_PATH="$checkin_path"
  keep_phase
}

SCENARIOS=(css health week checkin_page team objective company map api_list api_deep tree post mix)

# run_scenario KEY: one scenario on the current phase's server
run_scenario() {
  case "$1" in
    css) scenario css "ceiling: GET /assets/okra.css" - report.lua /assets/okra.css "$DURATION" ;;
    health) scenario health "ceiling: GET /health" - report.lua /health "$DURATION" ;;
    week) scenario week "My week: GET /" member report.lua / "$DURATION" ;;
    checkin_page) scenario checkin_page "check-in page: GET /check-in" member report.lua /check-in "$DURATION" ;;
    team) scenario team "team page: GET /teams/$TEAM" lead report.lua "/teams/$TEAM" "$DURATION" ;;
    objective)
      scenario objective "objective page: GET /objectives/$OBJECTIVE" lead report.lua "/objectives/$OBJECTIVE" \
        "$DURATION"
      ;;
    company) scenario company "company page: GET /company" lead report.lua /company "$DURATION" ;;
    map) scenario map "map: GET /map" lead report.lua /map "$DURATION" ;;
    api_list)
      scenario api_list "API: GET /api/v1/objectives?limit=50" token report.lua "/api/v1/objectives?limit=50" \
        "$DURATION" EXPECT=200
      ;;
    api_deep)
      local deep_label="API: the same, page $DEEP_AT by its cursor"
      ((DEEP_AT > 1)) || deep_label="API: the same again (the list has only one page)"
      scenario api_deep "$deep_label" token report.lua "$DEEP_PATH" "$DURATION" EXPECT=200
      ;;
    tree)
      scenario tree "API: GET /api/v1/cycles/$CYCLE/tree" token report.lua "/api/v1/cycles/$CYCLE/tree" \
        "$DURATION" EXPECT=200
      ;;
    post)
      scenario post "check-ins: POST $CHECKIN_PATH" token check-in.lua "$CHECKIN_PATH" "$DURATION" \
        CHECKIN_BASE="$CHECKIN_BASE" CHECKIN_STEP="$CHECKIN_STEP" CHECKIN_STEPS="$CHECKIN_STEPS"
      ;;
    mix)
      scenario mix "mix: 75% reads (pages, API), 25% check-ins" mix mix.lua / "$MIX_DURATION" \
        COOKIE_MEMBER="$COOKIE_MEMBER" COOKIE_LEAD="$COOKIE_LEAD" CHECKIN_PATH="$CHECKIN_PATH" \
        CHECKIN_BASE="$CHECKIN_BASE" CHECKIN_STEP="$CHECKIN_STEP" CHECKIN_STEPS="$CHECKIN_STEPS" \
        MIX_READS="/ member
/check-in member
/teams/$TEAM lead
/objectives/$OBJECTIVE lead
/api/v1/objectives?limit=50 token"
      ;;
    *) die "no scenario $1" ;;
  esac
}

# rounds_of KEY: how many times the scenario runs per organization (the 60 s mix once)
rounds_of() { [[ "$1" == mix ]] && echo 1 || echo "$ROUNDS"; }

# finish_phase: the current phase's memory after the load; its server stops
finish_phase() {
  settle
  printf 'rss\t%s\tafter\t%s\t%s\n' "$PHASE" "$(rss_kb VmRSS)" "$(rss_kb VmHWM)" >>"$RESULTS"
  stop_server
  keep_phase
}

COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
git diff --quiet HEAD 2>/dev/null || COMMIT+=" (with uncommitted changes)"
{
  printf 'header\tdate\t%s\n' "$(date '+%F %T %Z')"
  printf 'header\tcommit\t%s\n' "$COMMIT"
  printf 'header\tmachine\t%s cores (nproc), %s, %s\n' "$(nproc)" "$(uname -m)" \
    "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
  printf 'header\tbinary\t%s (%s build)\n' "$BIN" "$BUILD"
  printf 'header\tdatabase\t%s\n' "$ENGINE"
  printf 'header\twrk\t%s threads, %s connections, %s per scenario, the mix %s; server on CPU %s, wrk on CPU %s\n' \
    "$THREADS" "$CONNECTIONS" "$DURATION" "$MIX_DURATION" "${PIN_SERVER[2]:-any}" "${PIN_WRK[2]:-any}"
  ((ROUNDS > 1)) && printf 'header\trounds\t%s per scenario (the mix 1); each figure is the median over them\n' "$ROUNDS"
  printf 'header\torganization\tokra generate --people %s --seed %s (then --check-in-factor 2)\n' "$PEOPLE" "$SEED"
} >>"$RESULTS"

if [[ $SINGLE == 1 || -n "$DB_URL" ]]; then
  # One organization at a time (PostgreSQL holds one: the second is loaded in place of the first).
  for factor in 1 2; do
    [[ $SINGLE == 1 && $factor == 2 ]] && break
    serve_phase "$factor"
    for key in "${SCENARIOS[@]}"; do
      for ((round = 1; round <= $(rounds_of "$key"); round++)); do run_scenario "$key"; done
    done
    finish_phase
  done
else
  # Both organizations served at once, each scenario run on one and then on the other (first f1, then f2 first,
  # and so on), so that the machine's drift during the run falls on both alike and the Δ columns compare like
  # with like. The idle server waits on CPU 0 beside the busy one and takes nothing from it.
  serve_phase 1
  serve_phase 2
  turn=0
  for key in "${SCENARIOS[@]}"; do
    for ((round = 1; round <= $(rounds_of "$key"); round++)); do
      order=(f1 f2)
      ((turn % 2)) && order=(f2 f1)
      for p in "${order[@]}"; do
        use_phase "$p"
        run_scenario "$key"
        keep_phase
      done
      turn=$((turn + 1))
    done
  done
  for p in f1 f2; do
    use_phase "$p"
    finish_phase
  done
fi

cp "$RESULTS" "$CACHE/last-run.tsv"
python3 "$LUA/table.py" "$RESULTS"
if [[ $FAILED == 1 ]]; then
  die "a scenario had only errors (see above)"
fi
