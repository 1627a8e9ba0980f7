#!/usr/bin/python3
"""
The kazoo half of the .NET/kazoo cross test, in step with the test over stdin/stdout:
set an exists watch on --root/from-dotnet, print WATCHING, create --root/from-kazoo, wait for
CREATED on stdin, then check the watch fired and the .NET client's data is readable; finally
delete from-kazoo (the .NET client watches for that).
"""
import sys

from kazoo.protocol.states import EventType

from interop_common import Recorder, check, client, equal, ok, parse_args, wait_for


def main():
    args = parse_args(__doc__, lambda p: p.add_argument("--root", required=True))
    zk = client(args)
    created = Recorder()
    check(zk.exists(args.root + "/from-dotnet", watch=created) is None, "from-dotnet must not exist yet")
    print("WATCHING", flush=True)
    zk.create(args.root + "/from-kazoo", b"hello from kazoo")

    line = sys.stdin.readline()
    check(line.strip() == "CREATED", "expected CREATED on stdin, got %r" % line)
    wait_for(lambda: created.snapshot(), "NodeCreated for the .NET client's node")
    equal([(e.type, e.path) for e in created.snapshot()], [(EventType.CREATED, args.root + "/from-dotnet")], "kazoo watch events")
    data, stat = zk.get(args.root + "/from-dotnet")
    equal(data, b"hello from dotnet", "data written by the .NET client")
    equal(sorted(zk.get_children(args.root)), ["from-dotnet", "from-kazoo"], "children seen by kazoo")
    zk.delete(args.root + "/from-kazoo")
    ok("kazoo saw the .NET client's write and watch event")
    zk.stop()


if __name__ == "__main__":
    main()
