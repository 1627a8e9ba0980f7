#!/usr/bin/python3
"""Sessions through kazoo: id, timeout negotiation, ephemerals end with the session (close, and expiry of a stopped client)."""
import os
import signal
import socket
import struct
import subprocess
import sys
import time

from kazoo.protocol.states import EventType

from interop_common import Recorder, check, client, equal, ok, parse_args, unique_root, wait_for


def negotiate(hosts, timeout_ms):
    """A raw ConnectRequest (kazoo keeps the negotiated timeout to itself): returns (timeout, session id)."""
    host, port = hosts.split(",")[0].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as s:
        body = struct.pack("!iqiqi", 0, 0, timeout_ms, 0, 16) + b"\0" * 16 + b"\0"
        s.sendall(struct.pack("!i", len(body)) + body)
        data = b""
        while len(data) < 4 or len(data) < 4 + struct.unpack("!i", data[:4])[0]:
            chunk = s.recv(4096)
            check(chunk, "server closed the connection during the handshake")
            data += chunk
        _, timeout, session_id = struct.unpack("!iiq", data[4:20])
        # closeSession, so the probe leaves no session behind
        close = struct.pack("!ii", 1, -11)
        s.sendall(struct.pack("!i", len(close)) + close)
        return timeout, session_id


def child(args):
    """Run as a separate process: create an ephemeral, report it, then hang until killed (no closeSession)."""
    zk = client(args, timeout=4.0)
    path = zk.create(args.child + "/mine", b"", ephemeral=True)
    print("CREATED %s" % path, flush=True)
    time.sleep(120)


def main():
    args = parse_args(__doc__, lambda p: p.add_argument("--child", help=argparse_suppress()))
    if args.child:
        child(args)
        return

    observer = client(args)
    session_id, password = observer.client_id
    check(session_id != 0, "session id must be non-zero")
    equal(len(password), 16, "session password length")
    ok("session id %#x with a 16-byte password" % session_id)

    # ZooKeeper's bounds with tickTime 2000: [2*tick, 20*tick] = [4000, 40000].
    for asked, expected in ((10000, 10000), (1000, 4000), (100000, 40000)):
        timeout, other_id = negotiate(args.hosts, asked)
        equal(timeout, expected, "negotiated timeout when asking for %d ms" % asked)
        check(other_id not in (0, session_id), "every connection gets its own session")
    ok("timeouts negotiated into [4000, 40000]")

    root = unique_root(observer, "sessions")

    owner = client(args)
    path = owner.create(root + "/closed", b"x", ephemeral=True)
    stat = observer.exists(path)
    check(stat is not None, "observer sees the other session's ephemeral")
    equal(stat.ephemeralOwner, owner.client_id[0], "ephemeralOwner")
    owner.stop()  # sends closeSession and waits for its reply
    owner.close()
    check(observer.exists(path) is None, "an ephemeral is gone as soon as its session is closed")
    ok("ephemeral vanishes on close")

    # A client that stops without closing: its session expires after the negotiated timeout.
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), "--hosts", args.hosts, "--child", root],
        stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline().split()
    check(len(line) == 2 and line[0] == "CREATED", "child did not create its ephemeral: %r" % line)
    path = line[1]
    deleted = Recorder()
    check(observer.exists(path, watch=deleted) is not None, "observer sees the child's ephemeral")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed = time.monotonic()
    time.sleep(2.0)
    check(observer.exists(path) is not None, "the ephemeral must outlive a silent client for the session timeout (2 s after kill)")
    wait_for(lambda: observer.exists(path) is None, "the stopped client's ephemeral to vanish", timeout=15.0)
    gone_after = time.monotonic() - killed
    check(gone_after >= 3.5, "ephemeral vanished too early: %.1f s after the client stopped" % gone_after)
    wait_for(lambda: any(e.type == EventType.DELETED and e.path == path for e in deleted.snapshot()),
             "NodeDeleted for the expired ephemeral")
    ok("ephemeral of a stopped client vanished %.1f s after it went silent (timeout 4 s)" % gone_after)

    observer.delete(root, recursive=True)
    observer.stop()
    observer.close()


def argparse_suppress():
    import argparse
    return argparse.SUPPRESS


if __name__ == "__main__":
    main()
