-- wrk script of the live-newsroom benchmark (bench/live.sh): readers over the URL mix of
-- bench/live.py (BENCH_LIVE_URLS_FILE: "weight<TAB>category<TAB>path" a line), each request's
-- path drawn by weight from a generator seeded with BENCH_SEED and the thread's number. Counts
-- the responses by the app's X-Cache header; prints RESULT (result.lua) and then
--   CACHE {"hit": n, "stale": n, "miss": n, "absent": n, "other": n, "not_200": n}
-- where "absent" counts 200s without the header and "other" any other value.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")

local threads = {}
setup = function(thread)
  threads[#threads + 1] = thread
  thread:set("number", #threads)
end

local paths, cumulative = {}, {}
hit, stale, miss, absent, other, not_200 = 0, 0, 0, 0, 0, 0

init = function(args)
  local total = 0
  for line in io.lines(os.getenv("BENCH_LIVE_URLS_FILE")) do
    local weight, _, path = line:match("^([^\t]+)\t([^\t]*)\t(.+)$")
    if weight then
      total = total + tonumber(weight)
      paths[#paths + 1] = path
      cumulative[#cumulative + 1] = total
    end
  end
  for i = 1, #cumulative do cumulative[i] = cumulative[i] / total end
  math.randomseed(tonumber(os.getenv("BENCH_SEED") or "1") * 1000 + number)
end

request = function()
  -- The first path whose cumulative weight reaches a uniform draw.
  local r, low, high = math.random(), 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then low = middle + 1 else high = middle end
  end
  -- Readers come from many addresses (the server trusts one proxy: DJANGO_PROXY_COUNT=1), so
  -- that the rate limit per address (NEWSROOM_ANON_RATE) counts readers, not the benchmark.
  local address = string.format("10.%d.%d.%d", math.random(0, 99), math.random(0, 255), math.random(1, 254))
  return wrk.format(nil, paths[low], { ["X-Forwarded-For"] = address })
end

response = function(status, headers, body)
  local state = headers["X-Cache"] or headers["x-cache"]
  if status ~= 200 then
    not_200 = not_200 + 1
  elseif state == nil then
    absent = absent + 1
  elseif state == "hit" then
    hit = hit + 1
  elseif state == "stale" then
    stale = stale + 1
  elseif state == "miss" then
    miss = miss + 1
  else
    other = other + 1
  end
end

local result_done = done
done = function(summary, latency, requests)
  result_done(summary, latency, requests)
  local sums = { hit = 0, stale = 0, miss = 0, absent = 0, other = 0, not_200 = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(sums) do sums[name] = sums[name] + (thread:get(name) or 0) end
  end
  io.write(string.format(
    'CACHE {"hit": %d, "stale": %d, "miss": %d, "absent": %d, "other": %d, "not_200": %d}\n',
    sums.hit, sums.stale, sums.miss, sums.absent, sums.other, sums.not_200))
end
