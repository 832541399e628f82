#!/usr/bin/env bash
# The benchmarks of issue 5 in one command: builds release into .build-bench, makes the workload
# once (cached in .build-bench/workload), runs the in-process suite (package-benchmark) and the
# whole-process measurements (terminal UI on a pseudo-terminal, HTTP load with wrk on loopback),
# and prints one table: target, measured, pass/miss. BENCHMARKS.md explains every row.
#
#   scripts/benchmark.sh               everything, then the table
#   scripts/benchmark.sh --json        everything, then the results as JSON on stdout
#   scripts/benchmark.sh --regenerate  make the workload store again first
#   scripts/benchmark.sh --servers     only the servers (SQLite and PostgreSQL, one and two of each) and email
#   scripts/benchmark.sh --triage      only marks and batches: update + view with 50,000 marks, V + x in the real UI
#   scripts/benchmark.sh --prtf        the PRTF report, run on its own (the plain run leaves it out): a quarter of 10,000 members, SQLite and PostgreSQL
#
# Progress goes to stderr; raw results stay in .build-bench/benchmark-results.
# Everything it starts listens on 127.0.0.1 only and is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."

json=false
regenerate=false
servers_only=false
triage_only=false
prtf_only=false
for argument in "$@"; do
  case "$argument" in
    --json) json=true ;;
    --regenerate) regenerate=true ;;
    --servers) servers_only=true ;;
    --triage) triage_only=true ;;
    --prtf) prtf_only=true ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
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
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing postgresql (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
[ -n "$pg_bin" ] || log "PostgreSQL is missing (apt-get install postgresql): its rows are skipped"

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

# The busy coordinator's 50,000-item queue in the real UI: V, x, y, until the result list (it
# writes: on a fresh copy).
triage_batch() {
  fresh_copy
  local busy
  busy="$("$bin/ecm" --store "$run" users list | awk '/Beatriz Olmedo/ { print $1; exit }')"
  log "terminal UI: V then x over the 50,000-item queue (user $busy)"
  timeout 900 python3 "$probe" batch -- "$bin/ecm" --store "$run" --as "$busy" >"$results/batch.json" || true
}

if $triage_only; then
  log "in-process benchmark: update + view with 50,000 marks"
  fresh_copy
  ECM_BENCH_STORE="$PWD/$run" timeout 1200 swift package --scratch-path "$scratch" benchmark --filter "tui: update.*" \
    --format jmh --path "$results" --no-progress >"$results/package-benchmark.log" 2>&1 \
    || { tail -30 "$results/package-benchmark.log" >&2; log "package-benchmark failed"; }
  triage_batch
fi

# --- In-process benchmarks (package-benchmark) ------------------------------------------------------
if ! $servers_only && ! $triage_only && ! $prtf_only; then
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
triage_batch


fi  # servers_only

# --- Servers and the throwaway PostgreSQL cluster, for the parts that use them ------------------
servers=()
started_pid=""
started_port=""
pg_data=""
pg_url=""
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_servers() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  servers=()
}
cleanup() {
  stop_servers
  if [ -n "$pg_data" ]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_data/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_data"
  fi
}
trap cleanup EXIT

# Starts `ecm-server serve` on store $1 (log names $2); sets started_pid and started_port.
start_server() {
  "$bin/ecm-server" serve --db "$1" --host 127.0.0.1 --port 0 >"$results/server-$2.out" 2>"$results/server-$2.log" &
  started_pid=$!
  servers+=("$started_pid")
  started_port=""
  for _ in $(seq 300); do
    started_port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$results/server-$2.out" | head -1)
    [ -n "$started_port" ] && return 0
    kill -0 "$started_pid" 2>/dev/null || break
    sleep 0.1
  done
  log "ecm-server ($2) did not start: its rows are skipped"
  tail -5 "$results/server-$2.log" >&2 || true
  return 1
}

# A throwaway cluster with Debian's defaults (durable commits), 1 GB of shared buffers, holding
# a copy of the workload (ecm-server copy, timed); sets pg_url. Fails when the copy does.
postgres_copy() {
  pg_data=$(mktemp -d /tmp/ecm-bench-pg.XXXXXX)
  chmod 755 "$pg_data"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_data"
  pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  log "PostgreSQL: a throwaway cluster on 127.0.0.1:$pg_port"
  pg_run "$pg_bin/initdb" -D "$pg_data/data" -A trust -U ecm >"$results/postgres-initdb.log" 2>&1
  pg_run "$pg_bin/pg_ctl" -D "$pg_data/data" -l "$pg_data/log" -w \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=200" start >/dev/null
  psql "postgres://ecm@127.0.0.1:$pg_port/postgres" -q -c "CREATE DATABASE ecm"
  pg_url="postgres://ecm@127.0.0.1:$pg_port/ecm"
  log "copy: the workload store to PostgreSQL (ecm-server copy)"
  local t0 t1
  t0=$(date +%s.%N)
  if ! timeout 600 "$bin/ecm-server" copy --from "$base" --to "$pg_url" >"$results/copy.log" 2>&1; then
    log "the copy failed: the PostgreSQL rows are skipped"
    tail -5 "$results/copy.log" >&2
    return 1
  fi
  t1=$(date +%s.%N)
  python3 -c "import json,sys; json.dump({'seconds': float(sys.argv[2]) - float(sys.argv[1]), 'line': open(sys.argv[3]).read().strip().splitlines()[-1]}, open(sys.argv[4], 'w'))" \
    "$t0" "$t1" "$results/copy.log" "$results/copy.json"
}

# The PRTF report for the last quarter (92 days to today) of the 10,000 members: `ecm report prtf`
# on the SQLite store (wall time and the process's peak memory, 3 runs), then on PostgreSQL made
# by the server (the command's wall time, the server's peak memory before and after).
prtf_bench() {
  local from to
  from=$(date -d "-91 days" +%F)
  to=$(date +%F)
  fresh_copy
  log "PRTF: $from to $to on the SQLite store, 3 runs"
  for attempt in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$results/prtf-sqlite-$attempt.time" \
      "$bin/ecm" report prtf --store "$run" --from "$from" --to "$to" --npi 1234567893 \
      --output "$results/prtf-sqlite.csv" >"$results/prtf-sqlite-$attempt.out" 2>&1 || true
  done
  [ -n "$pg_bin" ] && { [ -n "$pg_url" ] || postgres_copy; } || return 0
  local token
  token=$("$bin/ecm-server" users add --db "$pg_url" --name "Benchmark Admin" --role admin | tail -1)
  start_server "$pg_url" prtf || return 0
  log "PRTF: $from to $to made by a server on PostgreSQL, 3 runs"
  grep VmHWM "/proc/$started_pid/status" >"$results/prtf-postgresql-server-before.txt" || true
  for attempt in 1 2 3; do
    ECM_TOKEN=$token /usr/bin/time -f '%e %M' -o "$results/prtf-postgresql-$attempt.time" \
      "$bin/ecm" report prtf --server "http://127.0.0.1:$started_port" --from "$from" --to "$to" --npi 1234567893 \
      --output "$results/prtf-postgresql.csv" >"$results/prtf-postgresql-$attempt.out" 2>&1 || true
  done
  grep VmHWM "/proc/$started_pid/status" >"$results/prtf-postgresql-server-after.txt" || true
  stop_servers
  cmp -s "$results/prtf-sqlite.csv" "$results/prtf-postgresql.csv" && echo same >"$results/prtf-same.txt" || echo differ >"$results/prtf-same.txt"
}

if $prtf_only; then
  prtf_bench
fi

if ! $triage_only && ! $prtf_only; then
# --- The servers on loopback ----------------------------------------------------------------------
# Each store is measured with one server and with two on the same store, on the same workload:
# GET a patient's page with 64 connections, POST a task with 16 (split between the servers).
# wrk with `script` against each URL given, the connections split between them, all at once.
load() {  # load NAME SCRIPT CONNECTIONS URL...
  local name=$1 script=$2 connections=$3
  shift 3
  local share=$(( connections / $# )) threads=$(( 2 / $# > 0 ? 2 / $# : 1 )) index=0 pids=()
  for url in "$@"; do
    index=$((index + 1))
    timeout 60 wrk -t"$threads" -c"$share" -d10s --latency -s "scripts/benchmark/$script" "$url" \
      >"$results/wrk-$name-$index.txt" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

# Measures store $2 (label $1) with one server, then two; ECM_TOKEN must sign in to it.
measure_store() {
  local label=$1 db=$2
  start_server "$db" "$label-1" || return 0
  local first="http://127.0.0.1:$started_port"
  log "$label, one server: GET list, 64 connections (2 s warm-up, 10 s measured); POST, 16 connections"
  timeout 30 wrk -t2 -c64 -d2s -s scripts/benchmark/get.lua "$first" >/dev/null 2>&1 || true
  load "$label-1-get" get.lua 64 "$first"
  load "$label-1-post" post.lua 16 "$first"
  if [ "$label" = sqlite ]; then
    log "REST backend: terminal UI start to first frame against the server (1 warm-up + 20 launches)"
    timeout 120 python3 "$probe" first-frame --runs 1 --env "ECM_TOKEN=$ECM_TOKEN" -- "$bin/ecm" --server "$first" >/dev/null || true
    timeout 300 python3 "$probe" first-frame --runs 20 --env "ECM_TOKEN=$ECM_TOKEN" -- "$bin/ecm" --server "$first" \
      >"$results/rest-first-frame.json" || true
  fi
  start_server "$db" "$label-2" || { stop_servers; return 0; }
  local second="http://127.0.0.1:$started_port"
  log "$label, two servers: the same load split between them"
  timeout 30 wrk -t1 -c32 -d2s -s scripts/benchmark/get.lua "$second" >/dev/null 2>&1 || true
  load "$label-2-get" get.lua 64 "$first" "$second"
  load "$label-2-post" post.lua 16 "$first" "$second"
  stop_servers
}

if command -v wrk >/dev/null; then
  export ECM_PATIENTS=10000
  fresh_copy
  ECM_TOKEN=$("$bin/ecm-server" users token 1 --db "$run" | tail -1)
  export ECM_TOKEN
  measure_store sqlite "$run"

  if [ -n "$pg_bin" ] && postgres_copy; then
    ECM_TOKEN=$("$bin/ecm-server" users token 1 --db "$pg_url" | tail -1)
    export ECM_TOKEN
    measure_store postgresql "$pg_url"
  fi
  unset ECM_TOKEN
fi
# --- Email ---------------------------------------------------------------------------------------------
# Creating an email (its outbox entry in the same transaction) next to creating a note, on the
# same server and store; then the delivery rate to a real SMTP server on loopback.
if command -v wrk >/dev/null; then
  fresh_copy
  ECM_TOKEN=$("$bin/ecm-server" users token 1 --db "$run" | tail -1)
  export ECM_TOKEN ECM_PATIENTS=10000
  if start_server "$run" mail; then
    log "email: POST note vs POST email vs POST note with an Idempotency-Key, 16 connections, 10 s each (no transport: emails stay pending)"
    timeout 30 wrk -t2 -c16 -d2s -s scripts/benchmark/post-kind.lua "http://127.0.0.1:$started_port" >/dev/null 2>&1 || true
    for kind in note email keyed keyed email note; do
      ECM_KIND=$kind timeout 60 wrk -t2 -c16 -d10s --latency -s scripts/benchmark/post-kind.lua "http://127.0.0.1:$started_port" \
        >"$results/wrk-mail-$kind-$(ls "$results" | grep -c "wrk-mail-$kind")".txt 2>&1 || true
    done
    stop_servers
  fi
  unset ECM_TOKEN
fi
if python3 -c 'import aiosmtpd' 2>/dev/null && command -v openssl >/dev/null; then
  log "email: delivery of 1,000 messages by ecm mail deliver to aiosmtpd on 127.0.0.1 (STARTTLS, AUTH)"
  rm -rf "$workload/mail"
  timeout 300 python3 scripts/benchmark/mail_delivery.py --bin "$bin" --work "$workload/mail" --count 1000 \
    >"$results/mail-delivery.json" || log "the delivery benchmark failed"
else
  log "email delivery skipped: needs python3 with aiosmtpd (pip install aiosmtpd) and openssl"
fi
fi  # triage_only
rm -f "$run" "$run-wal" "$run-shm"

log "done in $(( $(date +%s) - started )) s; raw results in $results"
if $json; then
  python3 scripts/benchmark/report.py --dir "$results" --json
else
  python3 scripts/benchmark/report.py --dir "$results"
fi
