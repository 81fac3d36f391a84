-- wrk script: GET one console page (CONSOLE_PATH, with %s replaced by the lines of
-- bench/.console_ids taken in turn) with the session cookie on the first line of bench/.console.
local cookie, ids = io.lines("bench/.console")(), {}
for line in io.lines("bench/.console_ids") do ids[#ids + 1] = line end
local path, n = os.getenv("CONSOLE_PATH"), 0
function request()
  n = n + 1
  local p = string.gsub(path, "%%s", ids[n % #ids + 1])
  return wrk.format("GET", p, { ["cookie"] = cookie })
end
