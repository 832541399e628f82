-- wrk: POST a new task (with its event, one transaction) for a different patient each time.
-- ECM_TOKEN: the API token; ECM_PATIENTS: how many ordinary patients the store has.
local token = os.getenv("ECM_TOKEN")
local patients = tonumber(os.getenv("ECM_PATIENTS") or "10000")
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
  local body = '{"activity": {"activity_type": "task", "message": "Call pharmacy about prior authorization", '
    .. '"assigned_to_id": ' .. math.random(1, 12) .. '}}'
  return wrk.format("POST", "/v1/clinic/ecm/patients/" .. id .. "/activities",
    { ["X-User-Token"] = token, ["Content-Type"] = "application/json" }, body)
end
