#!/usr/bin/python3
"""kazoo's Lock and Election recipes across sessions: mutual exclusion, FIFO order, leader hand-over."""
import threading
import time

from interop_common import check, client, equal, fail, ok, parse_args, unique_root, wait_for


def lock_test(args, root):
    path = root + "/lock"
    clients = [client(args) for _ in range(3)]
    locks = [zk.Lock(path, "client-%d" % i) for i, zk in enumerate(clients)]
    state = {"holders": 0, "max": 0}
    order = []
    guard = threading.Lock()

    check(locks[0].acquire(timeout=10), "first client must get the free lock")
    check(not locks[1].acquire(blocking=False), "second client must not get a held lock")

    def contend(i):
        if not locks[i].acquire(timeout=30):
            order.append("timeout-%d" % i)
            return
        with guard:
            state["holders"] += 1
            state["max"] = max(state["max"], state["holders"])
            order.append(i)
        time.sleep(0.3)
        with guard:
            state["holders"] -= 1
        locks[i].release()

    waiters = []
    for i in (1, 2):
        thread = threading.Thread(target=contend, args=(i,))
        thread.start()
        waiters.append(thread)
        # Queue them in a known order: wait until this contender's node is in place.
        wait_for(lambda: len(locks[0].contenders()) == i + 1, "contender %d to queue" % i)
    equal(locks[0].contenders(), ["client-0", "client-1", "client-2"], "contenders in queue order")
    time.sleep(0.5)
    equal(order, [], "nobody may acquire while the first client holds the lock")
    locks[0].release()
    for thread in waiters:
        thread.join(40)
    equal(order, [1, 2], "lock acquisition order")
    equal(state["max"], 1, "most holders at once")
    ok("Lock: mutual exclusion and FIFO order across three sessions")

    # A holder whose session ends releases the lock.
    check(locks[1].acquire(timeout=10), "client-1 takes the lock again")
    got = []
    thread = threading.Thread(target=lambda: got.append(locks[2].acquire(timeout=20)))
    thread.start()
    time.sleep(0.3)
    check(not got, "client-2 waits while client-1 holds the lock")
    clients[1].stop()
    thread.join(25)
    equal(got, [True], "client-2 acquires once the holder's session closes")
    locks[2].release()
    ok("Lock: a closed session's lock passes to the next waiter")
    for zk in clients:
        zk.stop()
        zk.close()


def election_test(args, root):
    path = root + "/election"
    clients = [client(args) for _ in range(2)]
    elections = [zk.Election(path, "candidate-%d" % i) for i, zk in enumerate(clients)]
    leaders = []
    release = [threading.Event(), threading.Event()]

    def lead(i):
        leaders.append(i)
        release[i].wait(30)

    threads = []
    for i in range(2):
        thread = threading.Thread(target=elections[i].run, args=(lead, i), daemon=True)
        thread.start()
        threads.append(thread)
        wait_for(lambda: len(elections[0].contenders()) == i + 1, "candidate %d to join" % i)
    wait_for(lambda: leaders, "a leader")
    time.sleep(0.3)
    equal(leaders, [0], "first candidate leads alone")
    equal(elections[1].contenders(), ["candidate-0", "candidate-1"], "contenders seen by the second candidate")

    # The leader's session ends without giving up: the other candidate takes over.
    clients[0].stop()
    wait_for(lambda: leaders == [0, 1], "candidate-1 to take over", timeout=15)
    release[1].set()
    threads[1].join(10)
    check(not threads[1].is_alive(), "election run returns when the leader function returns")
    ok("Election: one leader at a time, hand-over when the leader's session closes")
    # candidate-0's thread stays parked (daemon): its client is closed, so it cannot clean up.
    for zk in clients:
        zk.stop()
        zk.close()


def main():
    args = parse_args(__doc__)
    admin = client(args)
    root = unique_root(admin, "recipes")
    lock_test(args, root)
    election_test(args, root)
    admin.delete(root, recursive=True)
    admin.stop()


if __name__ == "__main__":
    main()
