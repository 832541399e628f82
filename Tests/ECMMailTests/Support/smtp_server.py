#!/usr/bin/env python3
"""A real SMTP server on 127.0.0.1 for ecm's mail tests (aiosmtpd, from PyPI).

STARTTLS and AUTH are required unless told otherwise. Every message accepted is written to
DIR/NNNN.eml exactly as received (dot-stuffing undone), with DIR/NNNN.rcpt holding the envelope.
Prints "ready PORT" on stdout once listening; runs until killed.

  smtp_server.py --dir DIR --cert CERT --key KEY --user USER --password PASSWORD
                 [--port N] [--fail-first N --fail-code 451] [--reject 550] [--no-starttls]
                 [--stall-first SECONDS [--stall-after-store]]

--stall-first holds the first message's DATA that long before answering (writing DIR/stalled
when it begins), before storing it or, with --stall-after-store, after: a client killed then has
either not delivered the message or delivered it without learning so.
"""
import argparse
import asyncio
import os
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def main():
    # A child of the test runner may inherit blocked signals.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--fail-code", default="451")
    parser.add_argument("--reject", default=None)
    parser.add_argument("--no-starttls", action="store_true")
    parser.add_argument("--stall-first", type=float, default=0)
    parser.add_argument("--stall-after-store", action="store_true")
    args = parser.parse_args()

    state = {"count": 0, "tries": 0}

    class Handler:
        async def stall(self, seconds):
            open(os.path.join(args.dir, "stalled"), "w").close()
            await asyncio.sleep(seconds)

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            session.host_name = hostname
            if args.no_starttls:
                responses = [line for line in responses if "STARTTLS" not in line.upper()]
            return responses

        async def handle_DATA(self, server, session, envelope):
            state["tries"] += 1
            if args.reject:
                return f"{args.reject} 5.7.1 Recipient address rejected by policy"
            if state["tries"] <= args.fail_first:
                return f"{args.fail_code} 4.3.0 Try again later"
            stall = args.stall_first if state["tries"] == 1 else 0
            if stall and not args.stall_after_store:
                await self.stall(stall)
            state["count"] += 1
            base = os.path.join(args.dir, "%04d" % state["count"])
            with open(base + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            with open(base + ".rcpt", "w") as f:
                f.write(envelope.mail_from + "\n" + "\n".join(envelope.rcpt_tos) + "\n")
            os.rename(base + ".tmp", base + ".eml")
            if stall and args.stall_after_store:
                await self.stall(stall)
            return "250 2.0.0 Message accepted"

    def authenticate(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode() \
                and auth_data.password == args.password.encode():
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    port = args.port
    if port == 0:
        import socket
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
    controller = Controller(
        Handler(), hostname="127.0.0.1", port=port, tls_context=context,
        require_starttls=not args.no_starttls, authenticator=authenticate, auth_required=True,
        auth_require_tls=not args.no_starttls)
    controller.start()
    print("ready %d" % port, flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
