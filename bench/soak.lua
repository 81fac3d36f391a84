-- wrk script for the soak: every connection walks parcels through their life, one request at a
-- time (run with as many threads as connections): the marketplace creates a shipment and hands
-- it to the courier, the courier accepts and hands it to its driver, the driver accepts, starts
-- the round, fails once ("not home") and delivers; in between, the customer reads the tracking
-- link three times and the marketplace queries the courier's KPIs. 12 requests a parcel.
-- Reads bench/.soak: marketplace token, courier admin token, driver token, courier id, driver id.
-- DELAY_MS: wait between requests per connection (a fixed rate).
local f = io.open("bench/.soak")
local shop, speedy, driver = f:read("*l"), f:read("*l"), f:read("*l")
local courier, driver_id = f:read("*l"), f:read("*l")
f:close()
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local thread_id = 0
-- Per thread (= per connection): where the current parcel is in its life.
local step, n, shipment, handoff, token = 1, 0, nil, nil, nil

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function delay()
  return delay_ms
end

local function post(path, bearer, body, key)
  local headers = {["Authorization"] = "Bearer " .. bearer, ["Content-Type"] = "application/json"}
  if key then headers["Idempotency-Key"] = key end
  return wrk.format("POST", path, headers, body)
end

local function gps(now)
  return string.format('"gps":{"lat":48.8606,"lon":2.3376,"accuracy_m":8,"captured_at":"%s"},"occurred_at":"%s"', now, now)
end

local steps = {
  function(now)
    n = n + 1
    local later = os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() + 6 * 3600)
    return post("/v1/shipments", shop, string.format(
      '{"reference":"SOAK-%d-%d-%d","courier_id":"%s","recipient":{"name":"R","phone":"0612345678",' ..
      '"address":{"line1":"1 rue","postal_code":"75001","city":"Paris","country":"FR"},' ..
      '"lat":48.8606,"lon":2.3376},"window":{"start":"%s","end":"%s","firm":true}}',
      tid, n, os.time(), courier, os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 3600), later))
  end,
  function() return post("/v1/shipments/" .. shipment .. "/handoffs", shop, '{"to":"courier"}') end,
  function() return post("/v1/shipments/" .. shipment .. "/handoffs/" .. handoff .. "/accept", speedy, '{"condition":"intact"}') end,
  function() return wrk.format("GET", "/v1/track/" .. token) end,
  function()
    return post("/v1/shipments/" .. shipment .. "/handoffs", speedy,
      string.format('{"to":"driver","driver_id":"%s"}', driver_id))
  end,
  function() return post("/v1/shipments/" .. shipment .. "/handoffs/" .. handoff .. "/accept", driver, '{"condition":"intact"}') end,
  function() return post("/v1/shipments/" .. shipment .. "/out-for-delivery", driver, "{}") end,
  function() return wrk.format("GET", "/v1/track/" .. token) end,
  function(now)
    return post("/v1/shipments/" .. shipment .. "/attempts", driver,
      '{"outcome":"failed","failure_reason":"recipient_absent","intercom_note":"no answer",' .. gps(now) .. '}',
      "soak-f-" .. shipment)
  end,
  function(now)
    return post("/v1/shipments/" .. shipment .. "/attempts", driver,
      '{"outcome":"delivered","placement":"handed_to_recipient",' .. gps(now) .. '}', "soak-d-" .. shipment)
  end,
  function() return wrk.format("GET", "/v1/track/" .. token) end,
  function()
    return wrk.format("GET", "/v1/kpis?courier_id=" .. courier .. "&granularity=day", {["Authorization"] = "Bearer " .. shop})
  end,
}

function request()
  return steps[step](os.date("!%Y-%m-%dT%H:%M:%SZ"))
end

function response(status, headers, body)
  if status >= 300 then
    io.stderr:write("unexpected status " .. status .. " at step " .. step .. "\n")
    step = 1 -- start a new parcel
    return
  end
  if step == 1 then
    shipment = body:match('"id":"(shp_[^"]+)"')
    token = body:match('"token":"(trk_[^"]+)"')
  elseif step == 2 or step == 5 then
    handoff = body:match('"id":"(hof_[^"]+)"')
  end
  step = step % #steps + 1
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d, socket errors: %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
