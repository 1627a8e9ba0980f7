#!/usr/bin/python3
"""
The kazoo half of the .NET/kazoo lock test, in step with the test over stdin/stdout, on one --path:
  HOLDING          kazoo holds a Lock; the test checks the .NET lock cannot get it, queues, sends RELEASE
  RELEASED         kazoo released; the test takes the lock with .NET and sends DOTNET-HOLDS
  OK ...           kazoo's Lock timed out against the .NET holder; a second kazoo Lock queues behind it
  QUEUED           kazoo's contender is in line after the .NET node (kazoo's own order agrees); the test
                   releases and sends DOTNET-RELEASED
  OK ...           the queued kazoo Lock got the lock once .NET released; kazoo holds it until
                   the test sends DONE (the .NET lock must not get it meanwhile)
Read/write phase on --rwpath: the test holds a .NET read lock and sends READER-HOLDS; kazoo's
ReadLock shares it and kazoo's WriteLock is excluded.
"""
import sys
import threading

from kazoo.exceptions import LockTimeout

from interop_common import check, client, equal, ok, parse_args, wait_for


def expect(line):
    got = sys.stdin.readline().strip()
    equal(got, line, "line from the test")


def acquire_or_timeout(lock, timeout):
    try:
        return lock.acquire(timeout=timeout)
    except LockTimeout:
        return False


def main():
    args = parse_args(__doc__, lambda p: (p.add_argument("--path", required=True), p.add_argument("--rwpath", required=True)))
    zk = client(args)

    first = zk.Lock(args.path, "kazoo-1")
    check(first.acquire(timeout=10), "kazoo takes the free lock")
    print("HOLDING " + first.node, flush=True)
    expect("RELEASE")
    first.release()
    print("RELEASED", flush=True)

    expect("DOTNET-HOLDS")
    second = zk.Lock(args.path, "kazoo-2")
    check(not acquire_or_timeout(second, 1.0), "kazoo's Lock must time out while the .NET lock holds")
    check(len(zk.get_children(args.path)) == 1, "only the .NET holder's node is left after kazoo's timeout: %r" % zk.get_children(args.path))
    ok("kazoo's Lock is excluded by the .NET holder")

    third = zk.Lock(args.path, "kazoo-3")
    acquired = []
    waiter = threading.Thread(target=lambda: acquired.append(third.acquire(timeout=60)))
    waiter.start()
    wait_for(lambda: len(zk.get_children(args.path)) == 2, "kazoo's contender to queue")
    dotnet_node = [c for c in zk.get_children(args.path) if c != third.node][0]
    check(third._get_predecessor(third.node) == dotnet_node, "kazoo sees the .NET node ahead of its own")
    print("QUEUED " + third.node, flush=True)
    expect("DOTNET-RELEASED")
    waiter.join(60)
    equal(acquired, [True], "kazoo's queued Lock acquires once the .NET holder released")
    ok("kazoo's Lock waited for the .NET holder and got the lock after it")
    print("KAZOO-HOLDS", flush=True)
    expect("DONE")
    third.release()

    expect("READER-HOLDS")
    reader = zk.ReadLock(args.rwpath, "kazoo-reader")
    check(acquire_or_timeout(reader, 10.0), "kazoo's ReadLock shares the .NET read lock")
    reader.release()
    writer = zk.WriteLock(args.rwpath, "kazoo-writer")
    check(not acquire_or_timeout(writer, 1.0), "kazoo's WriteLock must wait while the .NET reader holds")
    ok("kazoo's ReadLock shares and its WriteLock is excluded by a .NET read lock")
    zk.stop()


if __name__ == "__main__":
    main()
