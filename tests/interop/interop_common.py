"""Shared helpers for the kazoo interop scripts: arguments, a client, and assertions that exit non-zero."""
import argparse
import logging
import sys
import threading
import time

from kazoo.client import KazooClient


def parse_args(description, extra=None):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, help="ZooKeeper port of one server on 127.0.0.1")
    parser.add_argument("--hosts", help="comma-separated host:port list (overrides --port)")
    if extra:
        extra(parser)
    args = parser.parse_args()
    if not args.hosts:
        if not args.port:
            parser.error("give --port or --hosts")
        args.hosts = "127.0.0.1:%d" % args.port
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    return args


def client(args, **kwargs):
    kwargs.setdefault("timeout", 10.0)
    kwargs.setdefault("connection_retry", {"max_tries": 3, "delay": 0.2, "max_delay": 1})
    zk = KazooClient(hosts=args.hosts, **kwargs)
    zk.start(timeout=15)
    return zk


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def equal(actual, expected, what):
    if actual != expected:
        fail("%s: expected %r, got %r" % (what, expected, actual))


def raises(exception_type, action, what):
    """Runs action and returns the exception it raised; fails unless it is of exception_type."""
    try:
        result = action()
    except exception_type as raised:
        return raised
    except Exception as other:  # noqa: BLE001 - report anything unexpected clearly
        fail("%s: expected %s, got %s: %s" % (what, exception_type.__name__, type(other).__name__, other))
    fail("%s: expected %s, got result %r" % (what, exception_type.__name__, result))


def wait_for(condition, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    fail("timed out after %.0fs waiting for %s" % (timeout, what))


class Recorder:
    """Collects watch events delivered to a kazoo watcher function."""

    def __init__(self):
        self.events = []
        self._lock = threading.Lock()

    def __call__(self, event):
        with self._lock:
            self.events.append(event)

    def snapshot(self):
        with self._lock:
            return list(self.events)


def ok(name):
    print("OK " + name, flush=True)


def unique_root(zk, name):
    """A fresh persistent node for one script run, so scripts can share a server."""
    path = "/interop-%s-%d" % (name, int(time.time() * 1000))
    zk.create(path, b"", makepath=True)
    return path
