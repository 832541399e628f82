#!/usr/bin/env bash
# The benchmarks of issue 5 in one command: builds release into .build-bench, makes the workload
# once (cached in .build-bench/workload), runs the in-process suite (package-benchmark) and the
# whole-process measurements (terminal UI on a pseudo-terminal, HTTP load with wrk on loopback),
# and prints one table: target, measured, pass/miss. BENCHMARKS.md explains every row.
#
#   scripts/benchmark.sh               everything, then the table
#   scripts/benchmark.sh --json        everything, then the results as JSON on stdout
#   scripts/benchmark.sh --regenerate  make the workload store again first
#
# Progress goes to stderr; raw results stay in .build-bench/benchmark-results.
# Everything it starts listens on 127.0.0.1 only and is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

json=false
regenerate=false
for argument in "$@"; do
  case "$argument" in
    --json) json=true ;;
    --regenerate) regenerate=true ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "benchmark.sh: unknown option $argument" >&2; exit 2 ;;
  esac
done

scratch=.build-bench
bin="$scratch/release"
workload="$scratch/workload"
results="$scratch/benchmark-results"
base="$workload/ecm-1m.sqlite"
run="$workload/run.sqlite"
probe=scripts/benchmark/tui_probe.py
# Declares the benchmark target and its package in Package.swift (see there).
export ECM_BENCHMARKS=1

log() { echo "benchmark: $*" >&2; }
started=$(date +%s)

for tool in swift python3; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 1; }
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing wrk (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  fi
  command -v wrk >/dev/null || log "wrk is missing (apt-get install wrk): the server rows are skipped"
fi

# --- Build (retried when a source file changes under it) ---------------------------------------
log "building release into $scratch (the first build takes several minutes)"
mkdir -p "$workload"
for attempt in 1 2 3 4 5; do
  if swift build -c release --scratch-path "$scratch" >"$workload/build.log" 2>&1; then break; fi
  if [ "$attempt" = 5 ] || ! grep -q "modified during the build" "$workload/build.log"; then
    tail -30 "$workload/build.log" >&2
    exit 1
  fi
  sleep 2
done
rm -rf "$results"
mkdir -p "$results"

# --- Workload, made once ------------------------------------------------------------------------
if $regenerate || [ ! -f "$base" ]; then
  log "generating the workload: 10,000 patients × 100 activities, one patient with 100,000, one coordinator with 50,000 open tasks"
  rm -f "$base" "$base-wal" "$base-shm" "$base.tmp" "$base.tmp-wal" "$base.tmp-shm"
  t0=$(date +%s.%N)
  "$bin/ecm" demo-data --store "$base.tmp" --patients 10000 --activities-per-patient 100 --seed 1 \
    --big-patient 100000 --busy-user 50000 >&2
  t1=$(date +%s.%N)
  [ -f "$base.tmp-wal" ] && { log "the generator left a WAL behind"; exit 1; }
  mv "$base.tmp" "$base"
  python3 -c "import json,sys; json.dump({'seconds': float(sys.argv[2]) - float(sys.argv[1])}, open(sys.argv[3], 'w'))" \
    "$t0" "$t1" "$workload/generation.json"
fi
[ -f "$workload/generation.json" ] && cp "$workload/generation.json" "$results/generation.json"

# A fresh copy of the workload for each part: the benchmarks that write must not change the next.
fresh_copy() {
  rm -f "$run" "$run-wal" "$run-shm"
  cp "$base" "$run"
}

# --- In-process benchmarks (package-benchmark) ------------------------------------------------------
log "in-process benchmarks (package-benchmark, about 3 minutes)"
fresh_copy
if ! ECM_BENCH_STORE="$PWD/$run" timeout 1200 swift package --scratch-path "$scratch" benchmark \
  --format jmh --path "$results" --no-progress >"$results/package-benchmark.log" 2>&1; then
  tail -30 "$results/package-benchmark.log" >&2
  log "package-benchmark failed; its rows are missing"
fi

# --- The terminal UI, whole process on a pseudo-terminal ----------------------------------------
fresh_copy
log "terminal UI: start to first frame (1 warm-up + 20 launches)"
timeout 120 python3 "$probe" first-frame --runs 1 -- "$bin/ecm" --store "$run" >/dev/null || true
timeout 300 python3 "$probe" first-frame --runs 20 -- "$bin/ecm" --store "$run" >"$results/first-frame.json" || true
log "terminal UI: bytes written per j (100 presses)"
timeout 300 python3 "$probe" keys --presses 100 -- "$bin/ecm" --store "$run" >"$results/keys.json" || true
log "terminal UI: memory after scrolling the 100,000-activity timeline end to end"
timeout 300 python3 "$probe" memory --pages 2300 -- "$bin/ecm" --store "$run" >"$results/memory.json" || true

# --- The server on loopback -----------------------------------------------------------------------
server=""
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  server=""
}
trap stop_server EXIT
if command -v wrk >/dev/null; then
  fresh_copy
  token=$("$bin/ecm-server" users token 1 --db "$run" | tail -1)
  "$bin/ecm-server" serve --db "$run" --host 127.0.0.1 --port 0 >"$results/server.out" 2>"$results/server.log" &
  server=$!
  port=""
  for _ in $(seq 300); do
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$results/server.out" | head -1)
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$port" ]; then
    log "ecm-server did not start: the server rows are skipped"
    tail -5 "$results/server.log" >&2 || true
  else
    url="http://127.0.0.1:$port"
    export ECM_TOKEN="$token" ECM_PATIENTS=10000
    log "server: GET list, 64 connections (2 s warm-up, 10 s measured)"
    timeout 30 wrk -t2 -c64 -d2s -s scripts/benchmark/get.lua "$url" >/dev/null 2>&1 || true
    timeout 60 wrk -t2 -c64 -d10s --latency -s scripts/benchmark/get.lua "$url" >"$results/wrk-get.txt" 2>&1 || true
    log "server: POST create, 16 connections (10 s)"
    timeout 60 wrk -t2 -c16 -d10s --latency -s scripts/benchmark/post.lua "$url" >"$results/wrk-post.txt" 2>&1 || true
    log "REST backend: terminal UI start to first frame against the server (1 warm-up + 20 launches)"
    timeout 120 python3 "$probe" first-frame --runs 1 --env "ECM_TOKEN=$token" -- "$bin/ecm" --server "$url" >/dev/null || true
    timeout 300 python3 "$probe" first-frame --runs 20 --env "ECM_TOKEN=$token" -- "$bin/ecm" --server "$url" \
      >"$results/rest-first-frame.json" || true
    unset ECM_TOKEN
  fi
  stop_server
fi
rm -f "$run" "$run-wal" "$run-shm"

log "done in $(( $(date +%s) - started )) s; raw results in $results"
if $json; then
  python3 scripts/benchmark/report.py --dir "$results" --json
else
  python3 scripts/benchmark/report.py --dir "$results"
fi
