-- wrk script: the customer's link, GET /v1/track/{token} over the seeded tokens (bench/.tokens),
-- or with UNKNOWN=1 a well-formed token that matches no parcel (the server's 404 floor: rate
-- limit, hash, one indexed lookup). With DELAY_MS set, each connection waits between requests.
local tokens = {}
for line in io.lines("bench/.tokens") do tokens[#tokens + 1] = line end
local unknown = os.getenv("UNKNOWN") == "1"
local page = os.getenv("PAGE") == "1"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
local counter = 0

function delay()
  return delay_ms
end

function request()
  counter = counter + 1
  local t = tokens[(counter % #tokens) + 1]
  if unknown then t = "trk_" .. string.rep("x", 43) end
  if page then return wrk.format("GET", "/t/" .. t) end
  return wrk.format("GET", "/v1/track/" .. t)
end
