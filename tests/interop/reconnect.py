#!/usr/bin/python3
"""
Failover with the session kept: connect to one silo of a cluster, create an ephemeral and set a
watch, print the port of the silo we are connected to, wait for a line on stdin (the test kills
that silo meanwhile), then check kazoo reconnected elsewhere with the same session id, the
ephemeral is still there, and the watch fires for a change made after the failover.
"""
import sys
import time

from kazoo.client import KazooState
from kazoo.protocol.states import EventType

from interop_common import Recorder, check, client, equal, ok, parse_args, wait_for


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
    port = zk._connection._socket.getpeername()[1]
    print("CONNECTED %d SESSION %#x" % (port, session_id), flush=True)

    line = sys.stdin.readline()
    check(line.strip() == "KILLED", "expected KILLED on stdin, got %r" % line)
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
    other = client(args)
    check(other.exists(ephemeral) is not None, "another session sees the ephemeral too")
    equal(changed.snapshot(), [], "no watch event before the change")
    other.set(root + "/watched", b"after")
    wait_for(lambda: changed.snapshot(), "the watch set before the failover to fire")
    equal([(e.type, e.path) for e in changed.snapshot()], [(EventType.CHANGED, root + "/watched")], "watch events")
    ok("same session %#x on port %d: ephemeral kept, old watch fired" % (session_id, new_port))

    zk.stop()
    check(other.exists(ephemeral) is None, "ephemeral gone after the session closed")
    other.delete(root, recursive=True)
    other.stop()


if __name__ == "__main__":
    main()
