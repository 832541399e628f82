-- wrk: POST a new note or email (ECM_KIND) for a different patient each time: the cost of an
-- email's outbox entry, next to a note's create. ECM_TOKEN, ECM_PATIENTS as for post.lua.
local token = os.getenv("ECM_TOKEN")
local patients = tonumber(os.getenv("ECM_PATIENTS") or "10000")
local kind = os.getenv("ECM_KIND") or "note"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(seed or 1)
end

function request()
  local id = math.random(1, patients)
  local fields = '"activity_type": "note", "body": "Spoke with the family about the care plan"'
  if kind == "email" then
    fields = '"activity_type": "email", "email_to": "parent@example.com", "subject": "Care plan", '
      .. '"body": "Spoke with the family about the care plan"'
  end
  local body = '{"activity": {' .. fields .. ', "assigned_to_id": ' .. math.random(1, 12) .. '}}'
  return wrk.format("POST", "/v1/clinic/ecm/patients/" .. id .. "/activities",
    { ["X-User-Token"] = token, ["Content-Type"] = "application/json" }, body)
end
