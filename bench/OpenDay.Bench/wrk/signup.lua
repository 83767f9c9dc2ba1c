-- Public sign-ups: every request a new person with a valid GB 11643 ID number (Yishui county, 371323), unique across
-- threads and runs: wrk ... -s signup.lua <url> -- <run> <codes file>. Each thread appends the reference code of
-- every acknowledged sign-up to <codes file>.<thread>, for the check that none is missing. Prints one JSON line at the end.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  run = tonumber(args[1] or "0")
  codes = args[2] and io.open(args[2] .. "." .. tid, "a") or nil
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  ok = 0
end

local weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
local checks = "10X98765432"

local function id_number(n)
  -- birth date: a day between 1970-01-01 and 2010 from n; the 3-digit sequence from n too: 15M people per run
  local day = math.floor(n / 1000) % 15000
  local first17 = "371323" .. os.date("!%Y%m%d", day * 86400) .. string.format("%03d", n % 1000)
  local sum = 0
  for i = 1, 17 do sum = sum + (first17:byte(i) - 48) * weights[i] end
  local r = sum % 11 + 1
  return first17 .. checks:sub(r, r)
end

function request()
  counter = counter + 1
  -- threads and runs apart: run r, thread t, request c
  local n = run * 2000000 + tid * 500000 + counter
  local body = string.format(
    '{"name":"群众%d","mobile":"139%08d","idNumber":"%s","workUnit":"沂水县居民"}', n % 100000, n % 100000000, id_number(n))
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
    if codes then
      codes:write((body:match('"referenceCode":%s*"(%x+)"') or "?"), "\n")
      codes:flush()
    end
  end
end

function done(summary, latency, requests)
  local acknowledged = 0
  for _, thread in ipairs(threads) do acknowledged = acknowledged + thread:get("ok") end
  io.write(string.format('{"requests":%d,"acknowledged":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\n',
    summary.requests, acknowledged, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
