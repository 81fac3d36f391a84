-- wrk script: POST delivery attempts (JSON, no photos) with a fresh Idempotency-Key each,
-- spread over the seeded shipments. Reads bench/.seed (driver token, then one shipment id a line).
-- With DELAY_MS set, each connection waits that long between requests (a fixed rate).
local token, ids = nil, {}
for line in io.lines("bench/.seed") do
  if token == nil then token = line else ids[#ids + 1] = line end
end
local counter, thread_id = 0, 0
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  -- Each wrk thread owns every other shipment and walks them in turn, so two connections
  -- rarely write the same shipment row at once (that would measure lock waits, not the API).
  local per_thread = math.floor(#ids / 2)
  local id = ids[(counter % per_thread) * 2 + tid]
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body = string.format(
    '{"outcome":"failed","failure_reason":"recipient_absent","intercom_note":"no answer",' ..
    '"gps":{"lat":48.8606,"lon":2.3376,"accuracy_m":8,"captured_at":"%s"},"occurred_at":"%s"}', now, now)
  return wrk.format("POST", "/v1/shipments/" .. id .. "/attempts", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("bench-%d-%d-%d", tid, counter, os.time()),
  }, body)
end

local errors = 0
function response(status)
  if status ~= 201 then errors = errors + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("non-201 responses: %d\n", summary.errors.status))
end
