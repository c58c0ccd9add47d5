-- wrk script for scripts/bench.sh: POST check-ins on one key result, a different value on every request.
--
--   AUTHORIZATION="Bearer …"     the member's API token
--   CHECKIN_BASE, CHECKIN_STEP, CHECKIN_STEPS
--                                the values sent: BASE + k·STEP for k in 0…STEPS−1 (a milestone: 0, 1, 2 steps)
--   EXPECT=201                   (the default here) every answer must be 201 Created
-- Run against http://127.0.0.1:PORT/api/v1/key-results/KR/check-ins. Prints report.lua's BENCH line.
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
bench_expect_default = "201"
dofile(here .. "report.lua")
dofile(here .. "check-in-body.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"

function request()
  return wrk.format(nil, nil, nil, check_in_body())
end
