-- One wrk script for every scenario and system: SCENARIO picks the request, SYSTEM its dialect
-- (quarry and baseline send the same requests to Quarry's routes; prisma sends the peer's).
-- USERS is the seeded user count (ids usr000001…); TAG makes the emails of this run unique.
local scenario = os.getenv("SCENARIO")
local system = os.getenv("SYSTEM")
local users = tonumber(os.getenv("USERS") or "10000")
local tag = os.getenv("TAG") or "t"
local json = { ["content-type"] = "application/json" }

local function enc(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function uid() return string.format("usr%06d", math.random(1, users)) end
local function email_after() return string.format("user%06d@example.com", math.random(1, users)) end

local INCLUDE = '{"posts":{"where":{"published":true},"orderBy":{"createdAt":"desc"},"take":3}}'
local SELECT = '{"email":true,"name":true,"posts":{"select":{"title":true,"createdAt":true},"orderBy":{"createdAt":"desc"},"take":5}}'
local ALL_POSTS = '{"posts":true}'
local POSTS = '{"create":[{"title":"First","body":"One"},{"title":"Second","body":"Two","published":true},{"title":"Third","body":"Three"}]}'

local counter = 0
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(tid * 7919)
end

local function new_email()
  counter = counter + 1
  return string.format("%s-%s-%d-%d@bench.test", system, tag, tid, counter)
end

local quarry = {
  find_unique = function() return wrk.format("GET", "/api/users/" .. uid()) end,
  find_many = function()
    return wrk.format("GET", "/api/users?filter%5Bemail%5D%5Bgt%5D=" .. enc(email_after()) .. "&orderBy=email&take=20")
  end,
  find_many_include = function()
    return wrk.format("GET", "/api/users?filter%5Bemail%5D%5Bgt%5D=" .. enc(email_after()) .. "&orderBy=email&take=20&include=" .. enc(INCLUDE))
  end,
  large_body = function()
    return wrk.format("GET", "/api/users?filter%5Bemail%5D%5Bgt%5D=" .. enc(email_after()) .. "&orderBy=email&take=20&include=" .. enc(ALL_POSTS))
  end,
  nested_select = function() return wrk.format("GET", "/api/users/" .. uid() .. "?select=" .. enc(SELECT)) end,
  -- find_unique as a signed-in caller: run.sh points it at a Quarry in jwt mode and sets TOKEN
  jwt = function() return wrk.format("GET", "/api/users/" .. uid(), { authorization = "Bearer " .. os.getenv("TOKEN") }) end,
  count = function()
    return wrk.format("GET", "/api/posts/_count?filter%5BauthorId%5D=" .. uid() .. "&filter%5Bpublished%5D=true")
  end,
  create = function()
    return wrk.format("POST", "/api/users", json, '{"email":"' .. new_email() .. '","name":"Bench"}')
  end,
  update = function()
    counter = counter + 1
    return wrk.format("PATCH", "/api/users/" .. uid(), json, '{"name":"Renamed ' .. counter .. '"}')
  end,
  nested_create = function()
    return wrk.format("POST", "/api/users", json, '{"email":"' .. new_email() .. '","name":"Bench","posts":' .. POSTS .. '}')
  end,
}

local prisma = {
  find_unique = function() return wrk.format("GET", "/users/" .. uid()) end,
  find_many = function()
    return wrk.format("GET", "/users?where=" .. enc('{"email":{"gt":"' .. email_after() .. '"}}') .. "&orderBy=" .. enc('{"email":"asc"}') .. "&take=20")
  end,
  find_many_include = function()
    return wrk.format("GET", "/users?where=" .. enc('{"email":{"gt":"' .. email_after() .. '"}}') .. "&orderBy=" .. enc('{"email":"asc"}')
      .. "&take=20&include=" .. enc(INCLUDE))
  end,
  large_body = function()
    return wrk.format("GET", "/users?where=" .. enc('{"email":{"gt":"' .. email_after() .. '"}}') .. "&orderBy=" .. enc('{"email":"asc"}')
      .. "&take=20&include=" .. enc(ALL_POSTS))
  end,
  nested_select = function() return wrk.format("GET", "/users/" .. uid() .. "?select=" .. enc(SELECT)) end,
  -- served by the generic peer (the blog peer has no count route)
  count = function()
    return wrk.format("POST", "/rpc/post/count", json, '{"where":{"authorId":"' .. uid() .. '","published":true}}')
  end,
  create = function()
    return wrk.format("POST", "/users", json, '{"email":"' .. new_email() .. '","name":"Bench"}')
  end,
  update = function()
    counter = counter + 1
    return wrk.format("PATCH", "/users/" .. uid(), json, '{"name":"Renamed ' .. counter .. '"}')
  end,
  nested_create = function()
    return wrk.format("POST", "/users", json, '{"email":"' .. new_email() .. '","name":"Bench","posts":' .. POSTS .. '}')
  end,
}

local make = (system == "prisma" and prisma or quarry)[scenario]
if make == nil then error("unknown SCENARIO " .. tostring(scenario) .. " for SYSTEM " .. tostring(system)) end

function request() return make() end

-- With BENCH_DEBUG set, the first failed answers are printed (wrk reads bodies only when response() exists).
if os.getenv("BENCH_DEBUG") then
  local failures = 0
  function response(status, headers, body)
    if status >= 300 and failures < 3 then
      failures = failures + 1
      io.stderr:write(string.format("%s %s: status %d: %s\n", system, scenario, status, body:sub(1, 300)))
    end
  end
end

-- One machine-readable line for run.sh: requests/s, p50 and p99 in microseconds, errors.
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %d %d %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), errors, summary.requests))
end
