-- wrk: GET the first page (page_size 25) of a patient's timeline, a different patient each time.
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
  return wrk.format("GET", "/v1/clinic/ecm/patients/" .. id .. "/activities?page_size=25", { ["X-User-Token"] = token })
end
