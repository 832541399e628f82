#!/usr/bin/env python3
"""Drives the real `ecm` terminal UI in a pseudo-terminal and measures it from outside.

The UI runs on a pty of 200x50 with TERM=xterm-256color, as it would over SSH; everything it
writes is read (and counted) from the master side, so byte counts are what ncurses really sent.

  first-frame  process start to first complete frame: runs `ecm` with ECM_EXIT_AFTER_FIRST_FRAME=1
               (the UI quits once a frame is drawn with nothing left in flight), RUNS times
  keys         bytes written for each of N presses of `j` in the 100,000-activity timeline
  memory       resident memory after scrolling that timeline end to end (G, g, then Space, which
               pages down, until the end), from /proc/PID/status

Prints one JSON object on stdout.
"""
import argparse
import fcntl
import json
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

COLS, ROWS = 200, 50


def spawn(argv, env):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    return process, master


def drain(master, quiet, limit):
    """Reads until nothing arrives for `quiet` seconds (or `limit` passes); returns the bytes."""
    data = bytearray()
    start = last = time.monotonic()
    while True:
        now = time.monotonic()
        if now - start > limit or now - last > quiet:
            return bytes(data)
        ready, _, _ = select.select([master], [], [], min(quiet, 0.05))
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return bytes(data)
            if not chunk:
                return bytes(data)
            data += chunk
            last = time.monotonic()


def environment(extra):
    env = dict(os.environ)
    env.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLUMNS": str(COLS), "LINES": str(ROWS)})
    env.update(extra)
    return env


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(values):
    return {"median": statistics.median(values), "p99": percentile(values, 99), "min": min(values), "max": max(values), "n": len(values)}


def first_frame(argv, runs, extra):
    times, failures = [], 0
    env = environment({**extra, "ECM_EXIT_AFTER_FIRST_FRAME": "1"})
    for _ in range(runs):
        start = time.perf_counter()
        process, master = spawn(argv, env)
        written = 0
        while process.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                try:
                    written += len(os.read(master, 65536))
                except OSError:
                    break
            if time.perf_counter() - start > 20:
                process.kill()
                break
        code = process.wait()
        elapsed = (time.perf_counter() - start) * 1000
        os.close(master)
        if code != 0 or written < 1000:
            failures += 1
            continue
        times.append(elapsed)
    if not times:
        return {"error": "the UI never drew a complete frame", "failures": failures}
    return {"milliseconds": summary(times), "failures": failures}


def open_timeline(process, master, patient):
    drain(master, quiet=0.6, limit=15)
    os.write(master, f":patient {patient}\r".encode())
    drain(master, quiet=0.4, limit=15)
    os.write(master, b"2")
    drain(master, quiet=0.4, limit=15)


def keys(argv, presses, patient, extra):
    process, master = spawn(argv, environment(extra))
    try:
        open_timeline(process, master, patient)
        counts = []
        for _ in range(presses):
            os.write(master, b"j")
            counts.append(len(drain(master, quiet=0.12, limit=2)))
        os.write(master, b"q")
        drain(master, quiet=0.3, limit=5)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(master)
    # The timeline shows about 45 rows at 200x50: the first presses move the cursor down the
    # visible rows, the later ones scroll the list.
    inside, scrolling = counts[:40], counts[60:]
    return {"inside_visible_rows": summary(inside), "scrolling": summary(scrolling), "all": counts}


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields


def memory(argv, patient, pages, extra):
    process, master = spawn(argv, environment(extra))
    try:
        open_timeline(process, master, patient)
        opened = status(process.pid)
        os.write(master, b"G")
        drain(master, quiet=0.5, limit=15)
        os.write(master, b"g")
        drain(master, quiet=0.5, limit=15)
        start = time.monotonic()
        sent = 0
        while sent < pages:
            batch = min(20, pages - sent)
            os.write(master, b" " * batch)
            sent += batch
            drain(master, quiet=0.02, limit=0.5)
        drain(master, quiet=1.0, limit=60)
        seconds = time.monotonic() - start
        after = status(process.pid)
        os.write(master, b"q")
        drain(master, quiet=0.3, limit=5)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        os.close(master)
    return {"rss_mb_opened": opened.get("VmRSS"), "rss_mb_after": after.get("VmRSS"), "hwm_mb": after.get("VmHWM"),
            "page_downs": pages, "seconds": seconds}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["first-frame", "keys", "memory"])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--presses", type=int, default=100)
    parser.add_argument("--pages", type=int, default=2300)
    parser.add_argument("--patient", default="Villaseñor")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the UI's environment")
    if "--" not in sys.argv:
        parser.error("usage: tui_probe.py MODE [options] -- ecm [arguments]")
    split = sys.argv.index("--")
    args = parser.parse_args(sys.argv[1:split])
    argv = sys.argv[split + 1:]
    extra = dict(item.split("=", 1) for item in args.env)
    if args.mode == "first-frame":
        result = first_frame(argv, args.runs, extra)
    elif args.mode == "keys":
        result = keys(argv, args.presses, args.patient, extra)
    else:
        result = memory(argv, args.patient, args.pages, extra)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
