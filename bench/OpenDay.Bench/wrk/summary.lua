-- A GET of the same URL (the cached listing, the hello-world): prints one JSON line at the end.
local threads = {}

function setup(thread) table.insert(threads, thread) end

function init(args) ok = 0 end

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
