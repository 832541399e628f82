#!/usr/bin/env python3
"""Reads what scripts/benchmark.sh measured and prints one table (target, measured, pass/miss),
or with --json the same rows and the machine as JSON."""
import argparse
import json
import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone


def load_jmh(path):
    """package-benchmark's JMH export: name -> {metric description -> JMH metric}."""
    results = {}
    if not os.path.exists(path):
        return results
    for element in json.load(open(path)):
        name = element["benchmark"].split(".", 3)[-1].replace("_", " ")
        metrics = dict(element.get("secondaryMetrics", {}))
        metrics["iterations"] = element.get("measurementIterations")
        results[name] = metrics
    return results


def wall(results, name):
    """(p50 µs, p99 µs, mean µs, n) of a benchmark's wall clock, or None."""
    metric = results.get(name, {}).get("Time (wall clock)")
    if not metric:
        return None
    p = metric["scorePercentiles"]
    return p["50.0"], p["99.0"], metric["score"], results[name]["iterations"]


def custom(results, name, metric):
    value = results.get(name, {}).get(metric)
    if not value:
        return None
    return value["scorePercentiles"]["50.0"], value["scorePercentiles"]["99.0"]


def load_text(path):
    try:
        return open(path).read().strip()
    except OSError:
        return ""


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def parse_wrk(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    def ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    result = {}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rate:
        result["rps"] = float(rate.group(1))
    for percent in ("50", "99"):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if match:
            result[f"p{percent}_ms"] = ms(*match.groups())
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    result["non_2xx"] = int(errors.group(1)) if errors else 0
    socket = re.search(r"Socket errors: (.*)", text)
    result["socket_errors"] = socket.group(1).strip() if socket else None
    total = re.search(r"(\d+) requests in", text)
    result["requests"] = int(total.group(1)) if total else None
    return result if "rps" in result else None


def machine():
    def run(*argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = run("free", "-h").splitlines()
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": run("nproc"),
        "memory": memory[1].split()[1] if len(memory) > 1 else "?",
        "cpu": cpu,
        "kernel": platform.release(),
        "swift": run("swift", "--version").splitlines()[0] if run("swift", "--version") else "?",
        "sqlite": run("sh", "-c", "dpkg-query -W -f='${Version}' libsqlite3-0 2>/dev/null"),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    d = args.dir
    jmh = load_jmh(os.path.join(d, "Current_run.jmh.json"))
    rows = []

    def row(what, target, measured, passed, note="", **values):
        rows.append({"what": what, "target": target, "measured": measured, "pass": passed, "note": note,
                     "values": values})

    def us(value):
        return f"{value / 1000:.2f} ms" if value >= 1000 else f"{value:.0f} µs"

    generation = load(os.path.join(d, "generation.json"))
    if generation:
        seconds = generation["seconds"]
        row("workload: generate 10,000 × 100 + 100,000 + 50,000 activities", "< 60 s", f"{seconds:.1f} s",
            seconds < 60, generation.get("note", ""), seconds=seconds)

    filters = ["no filter", "type", "status", "assignee", "type+status", "type+assignee", "status+assignee",
               "type+status+assignee"]
    for kind, target in (("100-activity patients", True), ("100,000-activity patient", False)):
        values = [(f, wall(jmh, f"store: timeline page 1, {kind}, {f}")) for f in filters]
        values = [(f, v) for f, v in values if v]
        if values:
            worst = max(values, key=lambda item: item[1][1])
            best = min(values, key=lambda item: item[1][1])
            measured = f"p99 {us(best[1][1])} … {us(worst[1][1])} (worst: {worst[0]}); p50 ≤ {us(max(v[1][0] for v in values))}"
            if target:
                row("store: first page (25) of a patient's timeline, all 8 filter combinations", "≤ 1 ms p99",
                    measured, worst[1][1] <= 1000, "100-activity patients, a different one each call",
                    p50_us={f: v[0] for f, v in values}, p99_us={f: v[1] for f, v in values})
            else:
                row("store: the same on the 100,000-activity patient (not in the issue's table)", "(≤ 1 ms p99)",
                    measured, worst[1][1] <= 1000, "information",
                    p50_us={f: v[0] for f, v in values}, p99_us={f: v[1] for f, v in values})
    for name, what, target, limit, info in (
        ("store: timeline page 4,000 of 4,000, 100,000-activity patient", "store: page 4,000 of the 100,000-activity patient", "≤ 2 ms p99", 2000, False),
        ("store: timeline page 2,000 of 4,000 (the middle), 100,000-activity patient", "store: page 2,000 (the middle, the worst page) of it", "(≤ 2 ms p99)", 2000, True),
        ("store: queue page 1, 50,000 open items", "store: first page of the 50,000-item queue", "≤ 2 ms p99", 2000, False),
        ("store: queue page 1, every status, first user", "store: first page of a queue of every status (~343,000 items)", "(≤ 2 ms p99)", 2000, True),
        ("store: queue page 1 of 100, 50,000 open items, soonest due first", "store: first page (100) of the 50,000-item queue, soonest due first (what m shows)", "(≤ 2 ms p99)", 2000, True),
        ("store: queue page 1 of 100, 50,000 open items, soonest due first, 20 new first", "store: the same with 20 new items first (new_since)", "(≤ 2 ms p99)", 2000, True),
    ):
        v = wall(jmh, name)
        if v:
            row(what, target, f"p50 {us(v[0])}, p99 {us(v[1])}", v[1] <= limit, "information" if info else "",
                p50_us=v[0], p99_us=v[1])
    v = wall(jmh, "store: create an activity with its event (one transaction)")
    if v:
        rate = 1e6 / v[2]
        row("store: create an activity with its event, one durable transaction each", "≥ 5,000/s",
            f"{rate:,.0f}/s (mean {us(v[2])}; p50 {us(v[0])}, p99 {us(v[1])})", rate >= 5000,
            "one at a time; WAL, synchronous=NORMAL", per_second=rate, mean_us=v[2], p50_us=v[0], p99_us=v[1])
    tui = [wall(jmh, f"tui: update + view for one j at 200x50, {k}") for k in ("inside the visible rows", "scrolling the list")]
    tui = [t for t in tui if t]
    if tui:
        worst = max(t[1] for t in tui)
        row("tui: update + view for one navigation key (j) at 200×50", "≤ 1 ms p99",
            f"p50 {us(max(t[0] for t in tui))}, p99 {us(worst)}", worst <= 1000, "worst of: cursor inside the rows / list scrolls",
            p50_us=max(t[0] for t in tui), p99_us=worst)
    keys = load(os.path.join(d, "keys.json"))
    for label, key in (("cursor inside the visible rows", "inside_visible_rows"), ("when j scrolls the list", "scrolling")):
        if keys and key in keys:
            k = keys[key]
            estimate = custom(jmh, f"tui: bytes written for one j at 200x50, {'inside the visible rows' if key == 'inside_visible_rows' else 'scrolling the list'}",
                              "bytes written, key and detail frames")
            note = "real ncurses output on a pty, key frame + detail frame"
            if estimate:
                note += f"; in-process estimate p50 {estimate[0]:,.0f} B"
            row(f"tui: bytes written to the terminal for one j at 200×50, {label}", "≤ 2 KB",
                f"median {k['median']:,.0f} B, p99 {k['p99']:,.0f} B", k["median"] <= 2048, note,
                median_bytes=k["median"], p99_bytes=k["p99"], estimate_median_bytes=estimate[0] if estimate else None)
    frame = load(os.path.join(d, "first-frame.json"))
    if frame and "milliseconds" in frame:
        m = frame["milliseconds"]
        row("tui: process start to first complete frame, 1,000,000-activity store", "≤ 150 ms",
            f"median {m['median']:.0f} ms, p99 {m['p99']:.0f} ms", m["median"] <= 150, f"{m['n']} launches",
            median_ms=m["median"], p99_ms=m["p99"])
    memory = load(os.path.join(d, "memory.json"))
    if memory and memory.get("hwm_mb"):
        row("tui: resident memory after scrolling the 100,000-activity timeline end to end", "≤ 60 MB",
            f"{memory['hwm_mb']:.1f} MB peak (VmHWM), {memory['rss_mb_after']:.1f} MB after", memory["hwm_mb"] <= 60,
            f"G, g, then {memory['page_downs']:,} page-downs in {memory['seconds']:.1f} s",
            peak_mb=memory["hwm_mb"], after_mb=memory["rss_mb_after"])
    v = wall(jmh, "tui: update + view for one j at 200x50, queue with 50,000 marked")
    if v:
        row("tui: update + view for one j with 50,000 marks (the queue after V)", "≤ 1 ms p99",
            f"p50 {us(v[0])}, p99 {us(v[1])}", v[1] <= 1000, "the busy coordinator's queue, every item marked",
            p50_us=v[0], p99_us=v[1])
    batch = load(os.path.join(d, "batch.json"))
    if batch and batch.get("finished"):
        help_ms = batch.get("help_while_running_ms") or {}
        row("tui: V then x over the 50,000-item queue, embedded store", "≤ 60 s",
            f"{batch['batch_seconds']:.1f} s for {batch.get('completed') or 0:,} (V: {batch['mark_all_seconds']:.1f} s for {batch.get('marked') or 0:,})",
            batch["batch_seconds"] <= 60 and (batch.get("completed") or 0) >= 50_000,
            f"the real ecm in tmux at 200×50; while it ran, ? drew help in median {help_ms.get('median', 0):.0f} ms "
            f"(p99 {help_ms.get('p99', 0):.0f} ms, {help_ms.get('n', 0)} tries); the status line counted {batch.get('progress_seen', 0)} times",
            seconds=batch["batch_seconds"], completed=batch.get("completed"), mark_all_seconds=batch["mark_all_seconds"],
            help_median_ms=help_ms.get("median"), help_p99_ms=help_ms.get("p99"))
    elif batch:
        row("tui: V then x over the 50,000-item queue, embedded store", "≤ 60 s", batch.get("error", "did not finish"), False)
    for name, what in (
        ("server: token lookup (X-User-Token to user)", "server, in process: the token lookup of a request"),
        ("server: write a page of 25 activities as JSON", "server, in process: the JSON of a page of 25 activities"),
    ):
        v = wall(jmh, name)
        if v:
            row(what, "(part of a GET)", f"p50 {us(v[0])}, p99 {us(v[1])}", True, "information", p50_us=v[0], p99_us=v[1])
    copy = load(os.path.join(d, "copy.json"))
    if copy:
        row("copy: the workload store to PostgreSQL (ecm-server copy, counts verified)", "< 120 s",
            f"{copy['seconds']:.1f} s", copy["seconds"] < 120, copy.get("line", ""), seconds=copy["seconds"])
    for store, name, how in (("sqlite", "SQLite", "ecm report prtf on the store"),
                             ("postgresql", "PostgreSQL", "made by ecm-server, downloaded by ecm")):
        runs = []
        for attempt in (1, 2, 3):
            try:
                seconds, kilobytes = open(os.path.join(d, f"prtf-{store}-{attempt}.time")).read().split()[-2:]
                runs.append((float(seconds), int(kilobytes)))
            except (OSError, ValueError):
                pass
        if runs:
            best = min(r[0] for r in runs)
            worst = max(r[0] for r in runs)
            peak = max(r[1] for r in runs) / 1024
            note = f"{how}; peak memory of ecm {peak:.0f} MB"
            if store == "postgresql":
                try:
                    before = int(open(os.path.join(d, "prtf-postgresql-server-before.txt")).read().split()[1]) / 1024
                    after = int(open(os.path.join(d, "prtf-postgresql-server-after.txt")).read().split()[1]) / 1024
                    note += f"; the server's peak {before:.0f} MB before, {after:.0f} MB after"
                except (OSError, ValueError, IndexError):
                    pass
                same = load_text(os.path.join(d, "prtf-same.txt"))
                if same:
                    note += "; the same file as SQLite's" if same == "same" else "; NOT the same file as SQLite's"
            row(f"PRTF: a quarter of 10,000 members over 1,000,000 activities, {name}", "≤ 10 s",
                f"{best:.1f} … {worst:.1f} s ({len(runs)} runs)", worst <= 10, note, best_seconds=best, worst_seconds=worst,
                peak_mb=peak)
    targets = {
        # (store, request): (req/s, p99 ms or None)
        ("sqlite", "get"): (12000, None), ("sqlite", "post"): (3000, 20),
        ("postgresql", "get"): (3000, 50), ("postgresql", "post"): (1500, None),
    }
    for store, name in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        for servers in (1, 2):
            for request, what, connections in (("get", "GET a patient's list (page_size 25)", 64),
                                               ("post", "POST create", 16)):
                parts = [parse_wrk(os.path.join(d, f"wrk-{store}-{servers}-{request}-{i}.txt")) for i in range(1, servers + 1)]
                if not all(parts):
                    continue
                w = {"rps": sum(p["rps"] for p in parts), "p50_ms": max(p.get("p50_ms", 0) for p in parts),
                     "p99_ms": max(p.get("p99_ms", 0) for p in parts), "non_2xx": sum(p["non_2xx"] for p in parts),
                     "requests": sum(p.get("requests") or 0 for p in parts)}
                rps_target, p99_target = targets[(store, request)]
                ok = w["rps"] >= rps_target and (p99_target is None or w["p99_ms"] <= p99_target) and w["non_2xx"] == 0
                note = f"{connections} connections" + (" split between the servers" if servers > 1 else "") + ", wrk on the same 2 cores"
                if w["non_2xx"]:
                    note += f"; {w['non_2xx']} non-2xx responses"
                target = f"≥ {rps_target:,} req/s" + (f", p99 ≤ {p99_target} ms" if p99_target else "")
                row(f"server, {name}, {'one server' if servers == 1 else 'two servers'}: {what}", target,
                    f"{w['rps']:,.0f} req/s, p50 {w['p50_ms']:.2f} ms, p99 {w['p99_ms']:.2f} ms", ok, note, **w)
    # Email: the create rate of emails against notes (two runs each, alternating), and delivery.
    notes = [parse_wrk(os.path.join(d, f"wrk-mail-note-{i}.txt")) for i in (0, 1)]
    emails = [parse_wrk(os.path.join(d, f"wrk-mail-email-{i}.txt")) for i in (0, 1)]
    if all(notes) and all(emails):
        note_rps = sum(n["rps"] for n in notes) / 2
        email_rps = sum(e["rps"] for e in emails) / 2
        extra = (note_rps / email_rps - 1) * 100
        row("email: creating an email (with its outbox entry) against a note, POST, 16 connections", "≤ 10% more time",
            f"{email_rps:,.0f} vs {note_rps:,.0f} req/s: {extra:+.1f}% time per create", extra <= 10,
            "two alternating runs of each, 10 s", email_rps=email_rps, note_rps=note_rps, extra_percent=extra)
    keyed = [parse_wrk(os.path.join(d, f"wrk-mail-keyed-{i}.txt")) for i in (0, 1)]
    if all(notes) and all(keyed):
        note_rps = sum(n["rps"] for n in notes) / 2
        keyed_rps = sum(k["rps"] for k in keyed) / 2
        extra = (note_rps / keyed_rps - 1) * 100
        row("idempotency: a note created with an Idempotency-Key against one without, POST, 16 connections", "(measured)",
            f"{keyed_rps:,.0f} vs {note_rps:,.0f} req/s: {extra:+.1f}% time per create", None,
            "two alternating runs of each, 10 s", keyed_rps=keyed_rps, note_rps=note_rps, extra_percent=extra)
    delivery = load(os.path.join(d, "mail-delivery.json"))
    if delivery:
        rate = delivery["messages"] / delivery["seconds"]
        row("email: delivery to a loopback SMTP server (STARTTLS, AUTH, one connection reused)", "≥ 50 messages/s",
            f"{rate:,.0f} messages/s ({delivery['messages']:,} in {delivery['seconds']:.1f} s, {delivery['received']:,} received)",
            rate >= 50 and delivery["received"] == delivery["messages"], "ecm mail deliver, aiosmtpd", rate=rate, **delivery)
    rest = load(os.path.join(d, "rest-first-frame.json"))
    if rest and "milliseconds" in rest:
        m = rest["milliseconds"]
        row("REST backend: TUI first frame against the server on loopback", "≤ 250 ms",
            f"median {m['median']:.0f} ms, p99 {m['p99']:.0f} ms", m["median"] <= 250, f"{m['n']} launches",
            median_ms=m["median"], p99_ms=m["p99"])

    if args.json:
        json.dump({"machine": machine(), "rows": rows}, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return
    info = machine()
    print(f"ecm benchmarks — {info['date']} — {info['nproc']} cores, {info['memory']} RAM, {info['cpu']}, {info['swift']}")
    width = max(len(r["what"]) for r in rows) if rows else 10
    twidth = max(len(r["target"]) for r in rows) if rows else 10
    mwidth = max(len(r["measured"]) for r in rows) if rows else 10
    print(f"{'what'.ljust(width)}  {'target'.ljust(twidth)}  {'measured'.ljust(mwidth)}  result")
    for r in rows:
        verdict = "info" if r["note"] == "information" or r["pass"] is None else ("pass" if r["pass"] else "MISS")
        print(f"{r['what'].ljust(width)}  {r['target'].ljust(twidth)}  {r['measured'].ljust(mwidth)}  {verdict}")


if __name__ == "__main__":
    main()
