#!/usr/bin/python3
"""A known workload for the metrics test, under --parent: create the parent and 10 children (child i holds i bytes),
one create that fails with NodeExists, 10 setData, 10 getData, 2 getData of a missing node, 1 delete, then close."""
from kazoo.exceptions import NoNodeError, NodeExistsError

from interop_common import client, fail, ok, parse_args


def main():
    args = parse_args(__doc__, lambda p: p.add_argument("--parent", required=True))
    zk = client(args)
    parent = args.parent
    zk.create(parent, b"")
    for i in range(10):
        zk.create("%s/x-%d" % (parent, i), b"k" * i)
    try:
        zk.create("%s/x-0" % parent, b"")
        fail("the second create of x-0 succeeded")
    except NodeExistsError:
        pass
    for i in range(10):
        zk.set("%s/x-%d" % (parent, i), b"v")
    for i in range(10):
        zk.get("%s/x-%d" % (parent, i))
    for _ in range(2):
        try:
            zk.get("%s/missing" % parent)
            fail("a missing node was found")
        except NoNodeError:
            pass
    zk.delete("%s/x-9" % parent)
    zk.stop()
    zk.close()
    ok("metrics workload done")


if __name__ == "__main__":
    main()
