#!/usr/bin/env python3
"""An HTTP/1.1 proxy on 127.0.0.1 that loses the answers to writes, as a network can.

  drop_response_proxy.py UPSTREAM_PORT DROPS

Forwards each request to the server on 127.0.0.1:UPSTREAM_PORT and, for the first DROPS
requests that are not GET, reads the server's whole answer and then closes the client's
connection without passing it on: the write was made, and the client never learns it.
A line "drop N" on stdin loses the next N answers to writes. Prints "listening PORT" when
ready and "dropped METHOD" to stderr after each loss.
"""
import socket
import sys
import threading

UPSTREAM = int(sys.argv[1])
drops = int(sys.argv[2])
lock = threading.Lock()


def read_message(sock, buffered, is_request):
    """One HTTP message (head and Content-Length body) from sock; returns (message, rest)."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        rest += chunk
    return head + b"\r\n\r\n" + rest[:length], rest[length:]


def serve(client):
    global drops
    buffered = b""
    try:
        while True:
            request, buffered = read_message(client, buffered, True)
            if request is None:
                return
            method = request.split(b" ", 1)[0]
            upstream = socket.create_connection(("127.0.0.1", UPSTREAM))
            upstream.sendall(request)
            response, _ = read_message(upstream, b"", False)
            upstream.close()
            with lock:
                drop = method != b"GET" and drops > 0
                if drop:
                    drops -= 1
            if drop or response is None:
                print("dropped", method.decode(), file=sys.stderr, flush=True)
                return
            client.sendall(response)
    finally:
        client.close()


def control():
    global drops
    for line in sys.stdin:
        words = line.split()
        if len(words) == 2 and words[0] == "drop":
            with lock:
                drops += int(words[1])


def main():
    threading.Thread(target=control, daemon=True).start()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    print(f"listening {listener.getsockname()[1]}", flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(client,), daemon=True).start()


main()
