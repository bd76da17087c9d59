-- wrk script: cycle over the public pages at a fixed total rate.
-- LOAD_RATE (requests/second, all connections together) and LOAD_CONNECTIONS come from the environment.
local paths = {
  "/", "/articles/", "/articles/gov-deval-patrick-refuses-to-sign-immigration-program/",
  "/articles/?state=MA", "/articles/?person=mary-beth-heffernan&state=MA", "/quotes/", "/quotes/?state=NY",
  "/quotes/1/", "/people/", "/people/mary-beth-heffernan/", "/people/?state=MA&party=democratic",
  "/states/", "/states/massachusetts/", "/authors/", "/authors/hillary-chabot/",
}
local counter = 0
local rate = tonumber(os.getenv("LOAD_RATE") or "200")
local connections = tonumber(os.getenv("LOAD_CONNECTIONS") or "16")
local interval_ms = connections * 1000 / rate

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

delay = function()
  return interval_ms
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_s": %.1f, "rps": %.1f, "p50_ms": %.2f, "p90_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "non_2xx_3xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
