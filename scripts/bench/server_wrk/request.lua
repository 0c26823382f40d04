-- wrk script of scripts/bench/server.sh: one fixed request, repeated, and one
-- JSON line of results at the end.
--
-- Set by the environment (wrk passes it to every thread's Lua state):
--   BENCH_METHOD     the HTTP method                       (default GET)
--   BENCH_BODY_FILE  a file whose bytes are the body, sent with
--                    Content-Type: application/json; a final newline is dropped
--   BENCH_TOKEN      sent as Authorization: Bearer TOKEN
--   BENCH_LABEL      a name copied into the result line
--   BENCH_COUNT_NON_2XX  1 (default): response() counts the answers whose
--                    status is not 2xx; 0: no response(), so wrk does not
--                    parse the answers' headers and bodies for Lua, and only
--                    wrk's own count of statuses above 399 is known
--
-- The request is built once from wrk.method, wrk.body and wrk.headers (wrk's
-- static request: no Lua runs to build a request). response(), when kept,
-- runs for every answer, only to count those whose status is not 2xx: wrk's
-- own summary.errors.status counts statuses above 399 only.
--
-- done() prints one line that starts with "{" (server.sh reads the last such
-- line): {"label", "requests", "duration_s", "requests_per_second",
-- "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_max_ms",
-- "latency_mean_ms", "non_2xx", "non_2xx_counted", "status_over_399",
-- "socket_errors", "connect", "read", "write", "timeout", "bytes"}; without
-- counting, "non_2xx" is "status_over_399". Latencies are wrk's: from a request's
-- write to its answer's end, on the connection it was sent on.

local function read_file(path)
   local file, problem = io.open(path, "rb")
   if not file then
      error("BENCH_BODY_FILE: " .. tostring(problem))
   end
   local bytes = file:read("*a")
   file:close()
   return (bytes:gsub("\r?\n$", ""))
end

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
   wrk.body = read_file(body_file)
   wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
   wrk.headers["Authorization"] = "Bearer " .. token
end
local label = os.getenv("BENCH_LABEL") or ""

-- Per thread (each has its own Lua state): answers that were not 2xx.
non_2xx = 0

local count_non_2xx = os.getenv("BENCH_COUNT_NON_2XX") ~= "0"

if count_non_2xx then
   function response(status, headers, body)
      if status < 200 or status > 299 then
         non_2xx = non_2xx + 1
      end
   end
end

-- setup() and done() share one Lua state, apart from the threads'.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function ms(microseconds)
   return string.format("%.3f", microseconds / 1000)
end

function done(summary, latency, requests)
   local errors = summary.errors
   local counted = 0
   if count_non_2xx then
      for _, thread in ipairs(threads) do
         counted = counted + (thread:get("non_2xx") or 0)
      end
   else
      counted = errors.status
   end
   local socket = errors.connect + errors.read + errors.write + errors.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      '{"label": "%s", "requests": %d, "duration_s": %.3f, "requests_per_second": %.1f, ' ..
      '"latency_p50_ms": %s, "latency_p90_ms": %s, "latency_p99_ms": %s, "latency_max_ms": %s, ' ..
      '"latency_mean_ms": %s, "non_2xx": %d, "non_2xx_counted": %s, "status_over_399": %d, ' ..
      '"socket_errors": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d, "bytes": %d}\n',
      label, summary.requests, seconds, summary.requests / seconds,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
      ms(latency.mean), counted, tostring(count_non_2xx), errors.status, socket,
      errors.connect, errors.read, errors.write, errors.timeout, summary.bytes))
end
