#!/usr/bin/env python3
"""Runs a command on a pseudo-terminal, answering its prompts, as a person at a terminal would.

  pty_run.py [--answer PROMPT=TEXT]... -- COMMAND [ARG]...

Each time the terminal shows PROMPT (in order), TEXT and Enter are typed. Prints everything the
terminal showed (what the command wrote and what the terminal echoed) and exits with the
command's status.
"""
import os
import pty
import select
import sys
import time

args = sys.argv[1:]
answers = []
while args and args[0] == "--answer":
    prompt, _, text = args[1].partition("=")
    answers.append((prompt.encode(), text.encode()))
    args = args[2:]
assert args and args[0] == "--", __doc__
command = args[1:]

pid, fd = pty.fork()
if pid == 0:
    os.execvp(command[0], command)

shown = b""
looked = 0
deadline = time.time() + 30
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.1)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    if answers and answers[0][0] in shown[looked:]:
        looked = shown.index(answers[0][0], looked) + len(answers[0][0])
        time.sleep(0.05)
        os.write(fd, answers[0][1] + b"\r")
        answers.pop(0)
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
