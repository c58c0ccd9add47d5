-- wrk script for scripts/bench.sh: the request's headers from the environment, and one machine-readable line.
--
--   COOKIE="okra_session=…; okra_csrf=…"   the Cookie header (pages)
--   AUTHORIZATION="Bearer …"               the Authorization header (API)
--   EXPECT="200" or "200,201"               when set, every response's status is counted and any status not
--                                           listed is an error; when unset, wrk's own count of non-2xx/3xx
--                                           answers is used and no Lua runs per response (the fastest)
--
-- A script that loads this one may set the global `bench_expect_default` first (check-in.lua: "201").
-- Used alone for plain GETs (`wrk -s report.lua URL`) and loaded by check-in.lua and mix.lua, which set their own
-- `request`. done() prints, for the whole run (every thread):
--   BENCH requests=N duration_s=S rps=R p50_ms=… p90_ms=… p99_ms=… max_ms=… errors=E status_errors=…
--         socket_errors=… timeouts=… bytes_per_response=B statuses=200:N,201:M
-- "errors" is what the table shows: unexpected statuses (or, without EXPECT, wrk's non-2xx/3xx count) plus
-- socket errors and timeouts.

local cookie = os.getenv("COOKIE")
local authorization = os.getenv("AUTHORIZATION")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if authorization and authorization ~= "" then wrk.headers["Authorization"] = authorization end

local expect_list = os.getenv("EXPECT")
if not expect_list or expect_list == "" then expect_list = bench_expect_default end
local expected = nil
if expect_list and expect_list ~= "" then
  expected = {}
  for code in string.gmatch(expect_list, "%d+") do expected[tonumber(code)] = true end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

if expected then
  function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
  end
end

-- Each thread's own state: `statuses` is read back by done() through thread:get.
function init(args)
  statuses = {}
  if bench_init then bench_init(args) end
end

function done(summary, latency, requests)
  local errs = summary.errors
  local socket_errors = errs.connect + errs.read + errs.write
  local counted = {}
  local unexpected = 0
  if expected then
    for _, thread in ipairs(threads) do
      local per_thread = thread:get("statuses") or {}
      for code, n in pairs(per_thread) do counted[code] = (counted[code] or 0) + n end
    end
    for code, n in pairs(counted) do
      if not expected[code] then unexpected = unexpected + n end
    end
  else
    unexpected = errs.status
  end
  local parts = {}
  for code, n in pairs(counted) do table.insert(parts, string.format("%d:%d", code, n)) end
  table.sort(parts)
  local seconds = summary.duration / 1e6
  local per_response = 0
  if summary.requests > 0 then per_response = summary.bytes / summary.requests end
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d " ..
    "status_errors=%d socket_errors=%d timeouts=%d bytes_per_response=%d statuses=%s\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, unexpected + socket_errors + errs.timeout, unexpected, socket_errors, errs.timeout,
    math.floor(per_response + 0.5), (#parts > 0) and table.concat(parts, ",") or "-"))
end
