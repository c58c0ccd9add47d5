-- wrk script for scripts/bench.sh: a 75/25 read/write mix. Every fourth request is a check-in (POST, the
-- member's token, see check-in-body.lua); the three between are GETs taken in turn from MIX_READS.
--
--   MIX_READS        reads, one per line: "PATH WHO" where WHO is member, lead (a page with that person's
--                    session cookie) or token (the API with AUTHORIZATION)
--   COOKIE_MEMBER, COOKIE_LEAD, AUTHORIZATION
--   CHECKIN_PATH     /api/v1/key-results/KR/check-ins
--   EXPECT           (default "200,201") any other status is an error
-- Prints report.lua's BENCH line; the "statuses" field tells reads (200) from writes (201).
local here = string.match(debug.getinfo(1, "S").source, "^@(.*/)") or "./"
bench_expect_default = "200,201"
dofile(here .. "report.lua")
dofile(here .. "check-in-body.lua")

local token = os.getenv("AUTHORIZATION") or ""
local cookies = { member = os.getenv("COOKIE_MEMBER") or "", lead = os.getenv("COOKIE_LEAD") or "" }
local check_in_path = os.getenv("CHECKIN_PATH") or error("CHECKIN_PATH is not set")

local reads = {}
for line in string.gmatch(os.getenv("MIX_READS") or "", "[^\n]+") do
  local path, who = string.match(line, "^%s*(%S+)%s+(%S+)%s*$")
  if path then
    local headers
    if who == "token" then
      headers = { ["Authorization"] = token, ["Accept"] = "application/json" }
    else
      headers = { ["Cookie"] = cookies[who] or error("MIX_READS: unknown WHO " .. who) }
    end
    table.insert(reads, wrk.format("GET", path, headers, nil))
  end
end
if #reads == 0 then error("MIX_READS is empty") end

local write_headers = {
  ["Authorization"] = token, ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
local n = 0
local next_read = 0

function bench_init(args)
  -- Threads start at different reads so that every read is in flight from the start.
  next_read = (thread_id or 0) % #reads
end

function request()
  n = n + 1
  if n % 4 == 0 then
    return wrk.format("POST", check_in_path, write_headers, check_in_body())
  end
  next_read = next_read % #reads + 1
  return reads[next_read]
end
