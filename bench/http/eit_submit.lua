-- wrk script: durable EIT submissions through the public link, each from a
-- new "browser" (a fresh itagap_eit token), all answers favourable.
-- Environment: ITAGAP_FORM_SECRET and ITAGAP_CSRF (one form page's cookie
-- and token; a token is valid for every post under its secret), ITAGAP_PATH
-- ("/s/ROUND/UNIT") and ITAGAP_ITEMS (space-separated item codes).
local secret = os.getenv("ITAGAP_FORM_SECRET")
local csrf = os.getenv("ITAGAP_CSRF")
local path = os.getenv("ITAGAP_PATH")
local items = os.getenv("ITAGAP_ITEMS")
local pages = tonumber(os.getenv("ITAGAP_PAGES") or "3")

local body = "csrf=" .. csrf .. "&lang=th&comment=&go=submit&step=" .. pages
for code in string.gmatch(items, "%S+") do
  body = body .. "&a_" .. code .. "=5"
end

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  stored, refused = 0, 0
end

local function token()
  local t = {}
  for i = 1, 40 do
    local k = math.random(1, #alphabet)
    t[i] = alphabet:sub(k, k)
  end
  return table.concat(t)
end

function request()
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "itagap_form=" .. secret .. "; itagap_eit=" .. token(),
  }
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 200 then stored = stored + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("not-200 responses: %d (errors: connect %d, read %d, write %d, timeout %d, status %d)\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
