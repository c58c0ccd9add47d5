-- The body of one check-in, different on every call (value, confidence, note). Loaded by check-in.lua and
-- mix.lua; `thread_id` is set per thread by report.lua's setup().
local base = tonumber(os.getenv("CHECKIN_BASE") or "0") or 0
local step = tonumber(os.getenv("CHECKIN_STEP") or "1") or 1
local steps = math.max(1, math.floor(tonumber(os.getenv("CHECKIN_STEPS") or "100") or 100))
local sent = 0

function check_in_body()
  sent = sent + 1
  local id = thread_id or 0
  local k = (sent * 7 + id * 13) % steps
  local value = base + k * step
  return string.format('{"value":%s,"confidence":%d,"note":"bench %d-%d: đo lại sau cuộc họp tuần"}',
    string.format("%.4f", value), (sent + id) % 11, id, sent)
end
