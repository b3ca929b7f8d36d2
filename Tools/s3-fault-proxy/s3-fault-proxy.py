#!/usr/bin/env python3
"""A loopback TCP proxy for Accord's S3 tests that kills the object store in the
middle of an upload: it forwards every connection to the upstream port and, once
more than --after-bytes of a PUT request have passed through it, sends SIGKILL
to --kill-pid and drops the connections.

Usage: s3-fault-proxy.py --listen PORT --upstream PORT --kill-pid PID --after-bytes N
Prints "ready" on stdout once listening, and "killed" when it has killed.
"""
import argparse
import os
import signal
import socket
import sys
import threading

args = argparse.ArgumentParser()
args.add_argument("--listen", type=int, required=True)
args.add_argument("--upstream", type=int, required=True)
args.add_argument("--kill-pid", type=int, required=True)
args.add_argument("--after-bytes", type=int, required=True)
options = args.parse_args()

killed = threading.Event()


def pipe(source, target, watch):
    seen = 0
    is_put = None
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if watch and is_put is None:
                is_put = data.startswith(b"PUT ")
            if watch and is_put and not killed.is_set():
                if seen + len(data) > options.after_bytes:
                    cut = max(0, options.after_bytes - seen)
                    target.sendall(data[:cut])
                    killed.set()
                    os.kill(options.kill_pid, signal.SIGKILL)
                    print("killed", flush=True)
                    break
                seen += len(data)
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()


server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", options.listen))
server.listen(16)
print("ready", flush=True)
while True:
    client, _ = server.accept()
    try:
        upstream = socket.create_connection(("127.0.0.1", options.upstream))
    except OSError:
        client.close()
        continue
    threading.Thread(target=pipe, args=(client, upstream, True), daemon=True).start()
    threading.Thread(target=pipe, args=(upstream, client, False), daemon=True).start()
