-- Rotates the request paths given in BENCH_PATHS (separated by "|"), sends the session
-- cookie from BENCH_COOKIE, and prints percentiles as one parseable line.
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "[^|]+") do
  table.insert(paths, path)
end
local cookie = os.getenv("BENCH_COOKIE") or ""
local counter = 0

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local headers = { ["X-Forwarded-Proto"] = "https" }
  if cookie ~= "" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.3f p50=%.2f p95=%.2f p99=%.2f errors=%d\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors))
end
