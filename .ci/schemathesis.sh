#!/usr/bin/env bash
# Property-based API tests: runs schemathesis against a real ecm-server (127.0.0.1, a temporary
# database with one user and demo data: a SQLite file, or PostgreSQL with SCHEMATHESIS_DB) using
# Sources/ECMServer/OpenAPI/openapi.json.
# Builds nothing: pass the folder holding the built products (default .build/debug).
# Prints `schemathesis: N passed, M failed` last (JUnit test cases: one per API operation, plus
# one for the stateful phase) and exits non-zero on any failure.
set -euo pipefail
caller=$(pwd)
cd "$(dirname "$0")/.."
root=$(pwd)

SCHEMATHESIS_VERSION=4.32.5
MAX_EXAMPLES=${SCHEMATHESIS_MAX_EXAMPLES:-100}
SEED=${SCHEMATHESIS_SEED:-1}
BUDGET=${SCHEMATHESIS_TIME_LIMIT:-345}  # seconds for the whole script, installing included

work=$(mktemp -d)
server_pid=""
summarized=0
cleanup() {
  local code=$?
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ "$summarized" -eq 0 ]; then
    echo "schemathesis: 0 passed, 1 failed"
    [ "$code" -ne 0 ] || code=1
  fi
  exit "$code"
}
trap cleanup EXIT
fail() {
  echo "schemathesis.sh: $1" >&2
  exit 1
}

products=${1:-.build/debug}
case "$products" in
  /*) ;;
  *) if [ -d "$caller/$products" ]; then products="$caller/$products"; fi ;;
esac
[ -x "$products/ecm-server" ] || fail "$products/ecm-server not found: build it first (swift build --product ecm-server)"
server=$(cd "$products" && pwd)/ecm-server
document="$root/Sources/ECMServer/OpenAPI/openapi.json"

PIP_ROOT_USER_ACTION=ignore timeout "$BUDGET" python3 -m pip install --quiet --disable-pip-version-check \
  "schemathesis==$SCHEMATHESIS_VERSION"

# SCHEMATHESIS_DB: a postgres:// URL of an empty database to run on instead of a SQLite file.
db="${SCHEMATHESIS_DB:-$work/server.sqlite}"
"$server" migrate --db "$db" >/dev/null
token=$("$server" users add --db "$db" --name "Jane Coordinator" --role admin | tail -n 1)  # admin: every route is exercised
"$server" demo-data --db "$db" --patients 5 --activities-per-patient 10 --seed 1 >/dev/null

"$server" serve --db "$db" --host 127.0.0.1 --port 0 --log-level warning >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\)$|\1|p' "$work/server.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "ecm-server exited: $(cat "$work/server.log")"
  sleep 0.2
done
[ -n "$url" ] || fail "ecm-server did not start listening within 20 s"

# The document under test must be the one the server embeds (a stale build would not).
python3 - "$url/openapi.json" "$document" <<'PY' || fail "the server's /openapi.json differs from $document: rebuild ecm-server"
import json, sys, urllib.request
served = json.load(urllib.request.urlopen(sys.argv[1], timeout=10))
sys.exit(0 if served == json.load(open(sys.argv[2])) else 1)
PY

cat >"$work/schemathesis.toml" <<'TOML'
# 412 (stale If-Match, checked before the body), 413 (body over 1 MiB) and 422 (references that
# do not exist, rules across fields) answer requests a schema cannot tell apart from good ones;
# 429 is sign-in locked after repeated wrong passwords, which generated sign-ins are.
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "404", "412", "413", "422", "429"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422", "428", "429", "5xx"]

# Error feedback guesses fields from messages ("Body can't be blank" -> a top-level `body`),
# misplacing the members of `activity` and reporting false failures.
[phases.fuzzing.error-feedback]
enabled = false
TOML

time_limit=$((BUDGET - SECONDS - 15))  # keeps room for stopping and cleaning up
[ "$time_limit" -ge 10 ] || fail "no time left for the run (${SECONDS} s spent setting up)"
status=0
# One worker: with two, schemathesis' coverage phase compiles code in two threads at once and
# CPython 3.11 (Debian 12's) sometimes fails that with "SystemError: AST constructor recursion
# depth mismatch" — a runtime error of the tool, not of the API (twice on GET /v1/admin/users).
(
  cd "$work"
  timeout --kill-after=5 "$time_limit" python3 -m schemathesis.cli --config-file "$work/schemathesis.toml" \
    run "$document" --url "$url" --header "X-User-Token: $token" --checks all \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --generation-database none --workers 1 \
    --request-timeout 10 --no-color --report junit --report-junit-path "$work/junit.xml"
) || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "schemathesis.sh: schemathesis ran out of its ${time_limit} s" >&2
fi
kill -0 "$server_pid" 2>/dev/null || echo "schemathesis.sh: ecm-server exited during the run" >&2
if [ -s "$work/server.log" ]; then
  echo "schemathesis.sh: server warnings and errors:" >&2
  tail -n 20 "$work/server.log" >&2
fi

# A test case fails when it has a failure or an error; a failed run with none counts as one.
summarized=1
python3 - "$work/junit.xml" "$status" <<'PY'
import sys, xml.etree.ElementTree as ET
path, status = sys.argv[1], int(sys.argv[2])
try:
    cases = ET.parse(path).getroot().iter("testcase")
    results = [any(child.tag in ("failure", "error") for child in case) for case in cases]
except (OSError, ET.ParseError):
    results = []
passed, failed = results.count(False), results.count(True)
if status != 0 and failed == 0:
    failed = 1
print(f"schemathesis: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
