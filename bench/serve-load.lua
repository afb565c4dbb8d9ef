-- serve-load.lua: wrk script for bench/serve-load. Each request is the next line of the
-- file named by SERVE_LOAD_QUERIES (a query, then tab-separated FIELD:VALUE filters), asked
-- with four facets, as the search page asks; latency percentiles are printed at the end.
local queries = {}
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("SERVE_LOAD_QUERIES")) do
  local fields = {}
  for f in line:gmatch("[^\t]+") do fields[#fields + 1] = f end
  local path = "/search?q=" .. encode(fields[1] or "") ..
    "&facet=concept&facet=author&facet=year&facet=language&limit=10"
  for i = 2, #fields do path = path .. "&filter=" .. encode(fields[i]) end
  queries[#queries + 1] = path
end

local counter = 0
function setup(thread)
  thread:set("start", counter)
  counter = counter + 1
end

function init(args)
  n = start
end

function request()
  n = n + 1
  return wrk.format("GET", queries[(n % #queries) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("requests %d errors %d non2xx %d timeouts %d duration %.1f\n",
    summary.requests, summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.status, summary.errors.timeout, summary.duration / 1e6))
  io.write(string.format("latency p50 %.2f p90 %.2f p99 %.2f max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
