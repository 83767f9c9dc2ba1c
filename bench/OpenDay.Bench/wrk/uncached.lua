-- The public listing with a query no one asked before (a page size and an offset drawn at random over the first
-- 1,000 events: about 90,000 combinations), so each answer is computed, not served from the cache.
-- wrk ... -s uncached.lua <gateway>/api/v1/public/events -- <seed>. Prints one JSON line at the end.
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tonumber(args[1] or "1") * 1000 + tid)
  ok = 0
end

function request()
  local path = string.format("%s?pageSize=%d&pageToken=%d", wrk.path, math.random(10, 100), math.random(0, 999))
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 end
end

function done(summary, latency, requests)
  local acknowledged = 0
  for _, thread in ipairs(threads) do acknowledged = acknowledged + thread:get("ok") end
  io.write(string.format('{"requests":%d,"acknowledged":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d}\n',
    summary.requests, acknowledged, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
