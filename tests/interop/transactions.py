#!/usr/bin/python3
"""multi through kazoo transactions: all-or-nothing, per-op results as ZooKeeper reports them."""
from kazoo.exceptions import BadVersionError, NodeExistsError, NoNodeError, RolledBackError, RuntimeInconsistency

from interop_common import check, client, equal, ok, parse_args, unique_root


def kinds(results):
    return [type(r).__name__ if isinstance(r, Exception) else "ok" for r in results]


def main():
    args = parse_args(__doc__)
    zk = client(args)
    root = unique_root(zk, "multi")

    t = zk.transaction()
    t.create(root + "/a", b"1")
    t.create(root + "/b", b"2")
    t.set_data(root + "/a", b"11")
    t.check(root + "/a", 1)
    t.delete(root + "/b")
    results = t.commit()
    equal(results[0], root + "/a", "create result is the path")
    equal(results[1], root + "/b", "create result is the path")
    check(results[2].version == 1, "set_data result is the new stat (version 1), got %r" % (results[2],))
    equal(results[3:], [True, True], "check and delete results")
    equal(zk.get(root + "/a")[0], b"11", "data written by the transaction")
    check(zk.exists(root + "/b") is None, "node created and deleted in one transaction must be gone")
    ok("successful transaction applies every op in order")

    before = zk.get_children(root)
    a_stat = zk.exists(root + "/a")
    t = zk.transaction()
    t.create(root + "/c", b"")
    t.check(root + "/a", 7)
    results = t.commit()
    equal(kinds(results), ["RolledBackError", "BadVersionError"], "results of a failed check")
    check(isinstance(results[0], RolledBackError) and isinstance(results[1], BadVersionError), "exception types")
    equal(zk.get_children(root), before, "children after a failed transaction")
    equal(zk.exists(root + "/a").mzxid, a_stat.mzxid, "untouched node after a failed transaction")
    ok("failed transaction: [RolledBackError, BadVersionError], nothing applied")

    t = zk.transaction()
    t.set_data(root + "/a", b"never")
    t.create(root + "/a", b"")
    t.delete(root + "/missing")
    results = t.commit()
    equal(kinds(results), ["RolledBackError", "NodeExistsError", "RuntimeInconsistency"], "results when the middle op fails")
    check(isinstance(results[1], NodeExistsError) and isinstance(results[2], RuntimeInconsistency), "exception types")
    equal(zk.get(root + "/a")[0], b"11", "data after the failed transaction")
    ok("ops after the failing one report RuntimeInconsistency, nothing applied")

    t = zk.transaction()
    t.delete(root + "/missing")
    results = t.commit()
    check(len(results) == 1 and isinstance(results[0], NoNodeError), "single failing op: %r" % (results,))
    ok("single failing op reports its own error")

    zk.delete(root, recursive=True)
    zk.stop()


if __name__ == "__main__":
    main()
