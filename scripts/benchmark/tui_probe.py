#!/usr/bin/env python3
"""Drives the real `ecm` terminal UI in a pseudo-terminal and measures it from outside.

The UI runs on a pty of 200x50 with TERM=xterm-256color, as it would over SSH; everything it
writes is read (and counted) from the master side, so byte counts are what ncurses really sent.

  first-frame  process start to first complete frame: runs `ecm` with ECM_EXIT_AFTER_FIRST_FRAME=1
               (the UI quits once a frame is drawn with nothing left in flight), RUNS times
  keys         bytes written for each of N presses of `j` in the 100,000-activity timeline
  memory       resident memory after scrolling that timeline end to end (G, g, then Ctrl-F, which
               pages down, until the end), from /proc/PID/status
  batch        the queue (m), V (every item marked), x, y: seconds from y to the result list, and
               while the batch runs, how long the UI takes to show help (?) and close it again

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
            os.write(master, b"\x06" * batch)
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


class Tmux:
    """The UI in a tmux server of its own at 200x50, read back as text (capture-pane): a
    terminal's screen, where the pty's byte stream holds only what changed."""

    def __init__(self, argv, extra):
        import shlex
        self.socket = f"ecm-bench-{os.getpid()}"
        env = environment(extra)
        command = " ".join(shlex.quote(a) for a in ["env"] + [f"{k}={v}" for k, v in extra.items()] + argv) + "; sleep 600"
        subprocess.run(self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "ui", "-x", str(COLS), "-y", str(ROWS), command),
                       check=True, env=env)

    def tmux(self, *args):
        return ["tmux", "-u", "-L", self.socket, *args]

    def screen(self):
        return subprocess.run(self.tmux("capture-pane", "-p", "-t", "ui"), capture_output=True, text=True).stdout

    def keys(self, *keys):
        subprocess.run(self.tmux("send-keys", "-t", "ui", *keys), check=True)

    def wait_for(self, text, limit, poll=0.02):
        start = time.monotonic()
        while time.monotonic() - start < limit:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(poll)
        return None

    def kill(self):
        subprocess.run(self.tmux("kill-server"), capture_output=True)


def batch(argv, extra):
    import re
    ui = Tmux(argv, extra)
    result = {}
    try:
        if not ui.wait_for("Patients 1/", 30):
            return {"error": "the UI did not start"}
        ui.keys("m")
        if not ui.wait_for("My queue 1/", 30):
            return {"error": "no queue"}
        start = time.monotonic()
        ui.keys("V")
        screen = ui.wait_for("marked · Esc clears", 300)
        if not screen:
            return {"error": "V never said how many it marked"}
        result["mark_all_seconds"] = time.monotonic() - start
        marked = re.search(r"Marked ([0-9,]+) more", screen)
        result["marked"] = int(marked.group(1).replace(",", "")) if marked else None
        ui.keys("x")
        if not ui.wait_for("y/N", 15):
            return {"error": "x asked nothing"}
        ui.keys("y")
        start = time.monotonic()
        latencies, progress = [], []
        screen = None
        while time.monotonic() - start < 900:
            screen = ui.wait_for("Esc, Enter or q closes", 0.5)
            if screen:
                break
            now = ui.screen()
            counted = re.search(r"Completing ([0-9,]+) of ([0-9,]+)", now)
            if counted:
                progress.append(int(counted.group(1).replace(",", "")))
            asked = time.monotonic()
            ui.keys("?")
            if ui.wait_for("Keys —", 10, poll=0.005):
                latencies.append((time.monotonic() - asked) * 1000)
            ui.keys("?")
        result["batch_seconds"] = time.monotonic() - start
        result["finished"] = screen is not None
        completed = re.search(r"Completed ([0-9,]+)", screen or "")
        result["completed"] = int(completed.group(1).replace(",", "")) if completed else None
        title = re.search(r"┌─ (Completed[^─│┐]*)", screen or "")
        result["title"] = title.group(1).strip() if title else None
        result["progress_seen"] = len(set(progress))
        result["help_while_running_ms"] = summary(latencies) if latencies else None
    finally:
        ui.kill()
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["first-frame", "keys", "memory", "batch"])
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
    elif args.mode == "batch":
        result = batch(argv, extra)
    else:
        result = memory(argv, args.patient, args.pages, extra)
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
