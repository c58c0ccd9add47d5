-- wrk script: sends the headers given in the environment (COOKIE, AUTHORIZATION) and prints one JSON line.
local cookie = os.getenv("COOKIE")
local authorization = os.getenv("AUTHORIZATION")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if authorization and authorization ~= "" then wrk.headers["Authorization"] = authorization end
function done(summary, latency, requests)
  local errs = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"non_2xx_3xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    errs.status, errs.connect + errs.read + errs.write + errs.timeout))
end
