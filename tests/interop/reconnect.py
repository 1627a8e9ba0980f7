#!/usr/bin/python3
"""
Failover with the session kept: connect to one silo of a cluster, create an ephemeral and set a
watch, print the port of the silo we are connected to, wait for a line on stdin (the test kills
that silo meanwhile), then check kazoo reconnected elsewhere with the same session id, the
ephemeral is still there, and the watch set before the kill fires for a change made after it.

kazoo 2.8 drops its watchers when a connection is lost and sends no SetWatches; the Java client
re-registers them with SetWatches (op 101) and the zxid it had seen. This script does what the
Java client does, so the server's side of watch re-registration and catch-up is what is tested.
"""
import struct
import sys
import time

from kazoo.client import KazooState
from kazoo.protocol.states import EventType

from kazoo.protocol.serialization import write_string

from interop_common import Recorder, check, client, equal, ok, parse_args, wait_for


class SetWatches:
    """SetWatches (op 101): relativeZxid, then data, exist and child watch paths; the reply has no body."""
    type = 101

    def __init__(self, relative_zxid, data, exist, child):
        self.relative_zxid, self.data, self.exist, self.child = relative_zxid, data, exist, child

    def serialize(self):
        b = bytearray(struct.pack("!q", self.relative_zxid))
        for paths in (self.data, self.exist, self.child):
            b.extend(struct.pack("!i", len(paths)))
            for path in paths:
                b.extend(write_string(path))
        return b

    @classmethod
    def deserialize(cls, buffer, offset):
        return True


def parse_hosts(hosts):
    class Hosts:
        pass
    h = Hosts()
    h.hosts = hosts
    return h


def main():
    args = parse_args(__doc__)
    states = []
    zk = client(args, timeout=20.0, randomize_hosts=False,
                connection_retry={"max_tries": -1, "delay": 0.2, "max_delay": 1})
    zk.add_listener(states.append)
    session_id = zk.client_id[0]
    root = "/interop-reconnect-%d" % int(time.time() * 1000)
    zk.create(root + "/watched", b"before", makepath=True)
    ephemeral = zk.create(root + "/mine", b"", ephemeral=True)
    changed = Recorder()
    zk.get(root + "/watched", watch=changed)
    seen_before_kill = zk.last_zxid
    port = zk._connection._socket.getpeername()[1]
    print("CONNECTED %d SESSION %#x" % (port, session_id), flush=True)

    line = sys.stdin.readline()
    check(line.strip() == "KILLED", "expected KILLED on stdin, got %r" % line)
    survivors = ",".join(h for h in args.hosts.split(",") if not h.endswith(":%d" % port))
    other = client(parse_hosts(survivors))
    other.set(root + "/watched", b"changed while disconnected")
    wait_for(lambda: KazooState.SUSPENDED in states, "kazoo to notice the lost connection", timeout=20)
    wait_for(lambda: zk.state == KazooState.CONNECTED and zk._connection._socket is not None, "kazoo to reconnect", timeout=30)
    new_port = zk._connection._socket.getpeername()[1]
    check(new_port != port, "reconnected to the killed silo's port %d" % port)
    check(KazooState.LOST not in states, "session was lost: states %r" % states)
    equal(zk.client_id[0], session_id, "session id after failover")
    print("RECONNECTED %d" % new_port, flush=True)

    stat = zk.exists(ephemeral)
    check(stat is not None, "ephemeral %s must survive the failover" % ephemeral)
    equal(stat.ephemeralOwner, session_id, "ephemeral owner after failover")
    check(other.exists(ephemeral) is not None, "another session sees the ephemeral too")

    # kazoo also hands connection-state events (type NONE) to watchers; only node events count here.
    node_events = lambda: [(e.type, e.path) for e in changed.snapshot() if e.type != EventType.NONE]
    equal(node_events(), [], "no node event yet (kazoo dropped its watcher with the connection)")
    zk._data_watchers[root + "/watched"].add(changed)
    result = zk.handler.async_result()
    zk._call(SetWatches(seen_before_kill, [root + "/watched"], [], []), result)
    check(result.get(timeout=10) is True, "SetWatches must succeed")
    wait_for(node_events, "the watch set before the kill to fire for the change made while disconnected")
    time.sleep(0.5)
    equal(node_events(), [(EventType.CHANGED, root + "/watched")], "watch events")

    again = Recorder()
    equal(zk.get(root + "/watched", watch=again)[0], b"changed while disconnected", "data after failover")
    other.set(root + "/watched", b"after")
    wait_for(lambda: again.snapshot(), "a new watch on the new silo")
    ok("same session %#x on port %d: ephemeral kept, old watch fired" % (session_id, new_port))

    zk.stop()
    check(other.exists(ephemeral) is None, "ephemeral gone after the session closed")
    other.delete(root, recursive=True)
    other.stop()


if __name__ == "__main__":
    main()
