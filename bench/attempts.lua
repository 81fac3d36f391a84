-- wrk script: POST delivery attempts (JSON, no photos) with a fresh Idempotency-Key each.
-- Reads bench/.seed_drivers ("driver-token shipment-id" a line): run with as many threads as
-- connections (-tN -cN) and each connection is one driver walking their own shipments, as a
-- courier's fleet would. With DELAY_MS set, each connection waits that long between requests.
local rows = {}
for line in io.lines("bench/.seed_drivers") do
  local token, id = line:match("^(%S+) (%S+)$")
  rows[#rows + 1] = { token = token, id = id }
end
local counter, thread_id = 0, 0
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  thread:set("threads", 0)
end

local mine = nil

function init(args)
  -- The shipments of one driver: the tokens are dealt round-robin by the seed.
  mine = {}
  local drivers, seen = {}, {}
  for _, r in ipairs(rows) do
    if not seen[r.token] then seen[r.token] = true; drivers[#drivers + 1] = r.token end
  end
  local token = drivers[((tid - 1) % #drivers) + 1]
  for _, r in ipairs(rows) do
    if r.token == token then mine[#mine + 1] = r end
  end
end

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local r = mine[(counter % #mine) + 1]
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body = string.format(
    '{"outcome":"failed","failure_reason":"recipient_absent","intercom_note":"no answer",' ..
    '"gps":{"lat":48.8606,"lon":2.3376,"accuracy_m":8,"captured_at":"%s"},"occurred_at":"%s"}', now, now)
  return wrk.format("POST", "/v1/shipments/" .. r.id .. "/attempts", {
    ["Authorization"] = "Bearer " .. r.token,
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
