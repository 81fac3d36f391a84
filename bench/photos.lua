-- wrk script: upload the same 2 MB JPEG as a photo of one attempt, again and again.
-- Reads bench/.photo_seed (driver token, attempt id) and bench/.photo.jpg.
local f = io.open("bench/.photo_seed")
local token = f:read("*l")
local attempt = f:read("*l")
f:close()
local p = io.open("bench/.photo.jpg", "rb")
local photo = p:read("*a")
p:close()

function request()
  return wrk.format("POST", "/v1/attempts/" .. attempt .. "/photos?kind=door", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "image/jpeg",
  }, photo)
end

function done(summary)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
