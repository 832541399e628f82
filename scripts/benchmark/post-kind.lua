-- wrk: POST a new note or email (ECM_KIND) for a different patient each time: the cost of an
-- email's outbox entry, next to a note's create. ECM_KIND=keyed is a note sent with a new
-- Idempotency-Key each time (the key's check and record in the create's transaction).
-- ECM_TOKEN, ECM_PATIENTS as for post.lua.
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
  sent = 0
end

function request()
  local id = math.random(1, patients)
  local fields = '"activity_type": "note", "body": "Spoke with the family about the care plan"'
  if kind == "email" then
    fields = '"activity_type": "email", "email_to": "parent@example.com", "subject": "Care plan", '
      .. '"body": "Spoke with the family about the care plan"'
  end
  local body = '{"activity": {' .. fields .. ', "assigned_to_id": ' .. math.random(1, 12) .. '}}'
  local headers = { ["X-User-Token"] = token, ["Content-Type"] = "application/json" }
  if kind == "keyed" then
    sent = sent + 1
    headers["Idempotency-Key"] = "bench-" .. (seed or 1) .. "-" .. os.time() .. "-" .. sent
  end
  return wrk.format("POST", "/v1/clinic/ecm/patients/" .. id .. "/activities", headers, body)
end
