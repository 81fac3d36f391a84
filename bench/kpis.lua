-- wrk script: GET one KPI endpoint (PATH, with %s replaced by a courier id taken in turn)
-- as the token on the first line of bench/.kpis; the other lines are courier ids.
local token, couriers = nil, {}
for line in io.lines("bench/.kpis") do
  if token == nil then token = line else couriers[#couriers + 1] = line end
end
local path, n = os.getenv("KPI_PATH"), 0
function request()
  n = n + 1
  local p = string.gsub(path, "%%s", couriers[n % #couriers + 1])
  return wrk.format("GET", p, { ["authorization"] = "Bearer " .. token })
end
