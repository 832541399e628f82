#!/usr/bin/env python3
"""Delivery rate: N email activities on a new store, sent by `ecm mail deliver` to a real SMTP
server on 127.0.0.1 (aiosmtpd, STARTTLS and AUTH required, a throwaway CA), one connection
reused. Prints JSON: {"messages": N, "seconds": S, "received": R}.

  mail_delivery.py --bin DIR --work DIR [--count 1000]
"""
import argparse, json, os, subprocess, sys, time, urllib.request

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    work, ecm, server = args.work, os.path.join(args.bin, "ecm"), os.path.join(args.bin, "ecm-server")
    os.makedirs(work, exist_ok=True)
    store = os.path.join(work, "mail.sqlite")
    def run(*command, **kwargs):
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs).stdout
    # A throwaway CA and a certificate for 127.0.0.1.
    ext = os.path.join(work, "ext")
    open(ext, "w").write("subjectAltName = IP:127.0.0.1\n")
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/ca.key", "-out", f"{work}/ca.pem", "-days", "1", "-subj", "/CN=bench CA")
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{work}/s.key", "-out", f"{work}/s.csr", "-subj", "/CN=127.0.0.1")
    run("openssl", "x509", "-req", "-in", f"{work}/s.csr", "-CA", f"{work}/ca.pem", "-CAkey", f"{work}/ca.key", "-CAcreateserial", "-out", f"{work}/s.pem", "-days", "1", "-extfile", ext)
    inbox = os.path.join(work, "inbox")
    os.makedirs(inbox, exist_ok=True)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "ECMMailTests", "Support", "smtp_server.py")
    smtp = subprocess.Popen([sys.executable, script, "--dir", inbox, "--cert", f"{work}/s.pem", "--key", f"{work}/s.key",
                             "--user", "care", "--password", "bench-secret"], stdout=subprocess.PIPE, text=True)
    port = int(smtp.stdout.readline().split()[1])
    try:
        run(server, "migrate", "--db", store)
        token = run(server, "users", "add", "--db", store, "--name", "Jane Coordinator").strip().splitlines()[-1]
        run(server, "patients", "add", "--db", store, "--name", "Ana Pérez")
        api = subprocess.Popen([server, "serve", "--db", store, "--port", "0", "--log-level", "error"], stdout=subprocess.PIPE, text=True)
        line = api.stdout.readline()
        base = line.strip().split("listening on ")[1]
        body = json.dumps({"activity": {"activity_type": "email", "email_to": "parent@example.com", "subject": "Care plan",
                                        "body": "Dear Parent,\n\nWe spoke about the care plan today.\n", "assigned_to_id": 1}}).encode()
        for _ in range(args.count):
            request = urllib.request.Request(base + "/v1/clinic/ecm/patients/1/activities", data=body, method="POST",
                                             headers={"X-User-Token": token, "Content-Type": "application/json"})
            urllib.request.urlopen(request).read()
        api.terminate()
        api.wait()
        password = os.path.join(work, "password")
        fd = os.open(password, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.write(fd, b"bench-secret\n")
        os.close(fd)
        started = time.monotonic()
        run(ecm, "mail", "deliver", "--store", store, "--mail-transport", f"smtp://care@127.0.0.1:{port}",
            "--mail-from", "Clinic Care Team <care@clinic.example>", "--mail-password-file", password, "--mail-ca-file", f"{work}/ca.pem")
        seconds = time.monotonic() - started
        received = len([n for n in os.listdir(inbox) if n.endswith(".eml")])
        json.dump({"messages": args.count, "seconds": seconds, "received": received}, sys.stdout)
        print()
    finally:
        smtp.kill()

if __name__ == "__main__":
    main()
