-- wrk script of make bench (bench/bench.sh): by default the URL's own page, as fast as the
-- server answers. From the environment, for one thread (-t1):
--   BENCH_RATE=<requests/s>  a fixed total rate over BENCH_CONNECTIONS connections, like fixed_rate.lua
--   BENCH_PATHS=<file>       cycle over the paths in the file (one a line) instead
--   BENCH_STOP_AFTER=<n>     end after n responses rather than at the end of -d
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")

-- Readers come from many addresses (the server trusts one proxy: DJANGO_PROXY_COUNT=1), as in
-- bench/live.lua: the budget per address (NEWSROOM_ANON_RATE, as deployed) counts readers, each
-- request is counted against one, and no address sends enough to be refused.
local function address()
  return string.format("10.%d.%d.%d", math.random(0, 99), math.random(0, 255), math.random(1, 254))
end

local paths_file = os.getenv("BENCH_PATHS") or ""
local paths = nil
if paths_file ~= "" then
  paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end
local counter = 0
request = function()
  local path = nil -- the URL's own
  if paths then
    counter = counter + 1
    path = paths[(counter % #paths) + 1]
  end
  -- wrk.format takes these headers instead of wrk's own (-H: the admin pages' session cookie).
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["X-Forwarded-For"] = address()
  return wrk.format(nil, path, headers)
end

local rate = tonumber(os.getenv("BENCH_RATE") or "")
if rate then
  local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "8")
  local interval_ms = connections * 1000 / rate
  local calls = 0
  delay = function()
    -- wrk also delays each connection's first request: spread those over one interval, or all
    -- connections would fire together and the first burst would queue.
    calls = calls + 1
    if calls <= connections then return math.random() * interval_ms end
    return interval_ms
  end
end

local stop_after = tonumber(os.getenv("BENCH_STOP_AFTER") or "")
if stop_after then
  local responses = 0
  response = function()
    responses = responses + 1
    if responses == stop_after then
      wrk.thread:stop()
      -- wrk's main thread sleeps for -d whatever its threads do, and SIGINT ends that sleep with
      -- the summary printed. Sent from the background: os.execute ignores SIGINT while it waits.
      os.execute("(sleep 0.1; kill -INT $PPID) &")
    end
  end
end
