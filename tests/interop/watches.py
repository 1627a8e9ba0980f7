#!/usr/bin/python3
"""Watches through kazoo: one-shot data/child/exists watches fire once; persistent-recursive via a raw AddWatch (op 106)."""
import struct
import threading
import time

from kazoo.protocol.serialization import Watch, write_string
from kazoo.protocol.states import EventType

from interop_common import Recorder, check, client, equal, fail, ok, parse_args, raises, unique_root, wait_for
from kazoo.exceptions import NoNodeError

CREATED, DELETED, CHANGED, CHILD = 1, 2, 3, 4


class AddWatch:
    """AddWatchRequest: path, mode (0 persistent, 1 persistent-recursive); the reply has no body."""
    type = 106

    def __init__(self, path, mode):
        self.path = path
        self.mode = mode

    def serialize(self):
        b = bytearray()
        b.extend(write_string(self.path))
        b.extend(struct.pack("!i", self.mode))
        return b

    @classmethod
    def deserialize(cls, buffer, offset):
        return True


class RawEvents:
    """Every notification frame the server sends, recorded before kazoo dispatches (or drops) it."""

    def __init__(self, zk):
        self.events = []
        self._lock = threading.Lock()
        connection = zk._connection
        original = connection._read_watch_event

        def read(buffer, offset):
            watch, _ = Watch.deserialize(buffer, offset)
            with self._lock:
                self.events.append((watch.type, watch.path))
            return original(buffer, offset)

        connection._read_watch_event = read

    def under(self, prefix):
        with self._lock:
            return [e for e in self.events if e[1] == prefix or e[1].startswith(prefix + "/")]


def settle():
    """Gives a stray notification time to arrive; a ping-free round trip is not enough for other sessions' writes."""
    time.sleep(0.5)


def main():
    args = parse_args(__doc__)
    zk = client(args)
    raw = RawEvents(zk)
    writer = client(args)
    root = unique_root(zk, "watches")

    # Data watch: fires once for the first change only.
    writer.create(root + "/data", b"v0")
    data = Recorder()
    zk.get(root + "/data", watch=data)
    writer.set(root + "/data", b"v1")
    writer.set(root + "/data", b"v2")
    wait_for(lambda: data.snapshot(), "data watch")
    settle()
    equal([(e.type, e.path) for e in data.snapshot()], [(EventType.CHANGED, root + "/data")], "data watch events")
    equal(raw.under(root + "/data"), [(CHANGED, root + "/data")], "notifications for /data on the wire")
    ok("data watch fires once")

    # Child watch: fires once, for the first child only.
    writer.create(root + "/parent")
    children = Recorder()
    equal(zk.get_children(root + "/parent", watch=children), [], "children of a new node")
    writer.create(root + "/parent/a")
    writer.create(root + "/parent/b")
    writer.set(root + "/parent", b"data change is not a child event")
    wait_for(lambda: children.snapshot(), "child watch")
    settle()
    equal([(e.type, e.path) for e in children.snapshot()], [(EventType.CHILD, root + "/parent")], "child watch events")
    ok("child watch fires once")

    # Exists watch on a missing node: NodeCreated.
    created = Recorder()
    check(zk.exists(root + "/later", watch=created) is None, "node must not exist yet")
    writer.create(root + "/later", b"")
    wait_for(lambda: created.snapshot(), "exists watch")
    equal([(e.type, e.path) for e in created.snapshot()], [(EventType.CREATED, root + "/later")], "exists watch events")
    ok("exists watch on a missing node fires NodeCreated")

    # getData on a missing node leaves no watch on the server (ZooKeeper: only exists does).
    raises(NoNodeError, lambda: zk.get(root + "/absent", watch=Recorder()), "getData of a missing node")
    writer.create(root + "/absent", b"")
    settle()
    equal(raw.under(root + "/absent"), [], "notifications after getData-with-watch on a missing node")
    ok("getData with a watch on a missing node leaves no watch")

    # Deleting a watched node: data and child watchers get NodeDeleted.
    deleted_data, deleted_children = Recorder(), Recorder()
    zk.get(root + "/later", watch=deleted_data)
    zk.get_children(root + "/later", watch=deleted_children)
    writer.delete(root + "/later")
    wait_for(lambda: deleted_data.snapshot() and deleted_children.snapshot(), "NodeDeleted to both watchers")
    equal(deleted_data.snapshot()[0].type, EventType.DELETED, "data watcher event on delete")
    equal(deleted_children.snapshot()[0].type, EventType.DELETED, "child watcher event on delete")
    ok("delete fires NodeDeleted to data and child watchers")

    # Persistent-recursive watch: every change below, repeatedly, never NodeChildrenChanged.
    tree = root + "/tree"
    writer.create(tree)
    result = zk.handler.async_result()
    zk._call(AddWatch(tree, 1), result)
    check(result.get(timeout=10) is True, "AddWatch must succeed")
    writer.create(tree + "/a", b"")
    writer.create(tree + "/a/b", b"")
    writer.set(tree + "/a/b", b"1")
    writer.set(tree + "/a/b", b"2")
    writer.delete(tree + "/a/b")
    writer.set(tree, b"root changed")
    expected = [(CREATED, tree + "/a"), (CREATED, tree + "/a/b"), (CHANGED, tree + "/a/b"),
                (CHANGED, tree + "/a/b"), (DELETED, tree + "/a/b"), (CHANGED, tree)]
    wait_for(lambda: len(raw.under(tree)) >= len(expected), "%d persistent-recursive events" % len(expected))
    settle()
    equal(raw.under(tree), expected, "persistent-recursive notifications")
    ok("persistent-recursive watch fires for every change below, no child events")

    # AddWatch on a missing path is allowed (ZooKeeper does not require the node).
    result = zk.handler.async_result()
    zk._call(AddWatch(root + "/future", 0), result)
    check(result.get(timeout=10) is True, "AddWatch on a missing node must succeed")
    writer.create(root + "/future", b"")
    writer.create(root + "/future/child", b"")
    writer.set(root + "/future", b"x")
    wait_for(lambda: len(raw.under(root + "/future")) >= 3, "persistent watch events")
    settle()
    equal(raw.under(root + "/future"), [(CREATED, root + "/future"), (CHILD, root + "/future"), (CHANGED, root + "/future")],
          "persistent (non-recursive) notifications")
    ok("persistent watch on a missing node: NodeCreated, NodeChildrenChanged, NodeDataChanged")

    writer.delete(root, recursive=True)
    writer.stop()
    zk.stop()


if __name__ == "__main__":
    main()
