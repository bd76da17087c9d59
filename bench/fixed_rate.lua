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

-- The RESULT line, read by bench/load.sh.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
