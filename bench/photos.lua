-- wrk script: upload a real phone photo (bench/.photo.jpg, from bench/photo_gen.py) again and
-- again, nine photos to an attempt (an attempt holds at most ten), each wrk thread on its own
-- attempts from bench/.photo_attempts (the driver's token on the first line, then one attempt
-- id a line). Prints the count of non-2xx answers; bench/photo_step.sh fails when it is not 0.
local lines = {}
for line in io.lines("bench/.photo_attempts") do lines[#lines + 1] = line end
local token = table.remove(lines, 1)
local p = io.open("bench/.photo.jpg", "rb")
local photo = p:read("*a")
p:close()
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

local count = 0

function request()
  -- Thread k takes attempts k, k + 8, k + 16, ... (at most 8 threads).
  local slot = math.floor(count / 9) * 8 + (tid - 1)
  count = count + 1
  local attempt = lines[(slot % #lines) + 1]
  return wrk.format("POST", "/v1/attempts/" .. attempt .. "/photos?kind=door", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "image/jpeg",
  }, photo)
end

function done(summary)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
