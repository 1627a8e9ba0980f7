#!/usr/bin/python3
"""A kazoo client can still read and write: create, read back and delete a node under --parent, authenticated with --auth."""
from interop_common import client, equal, ok, parse_args


def main():
    args = parse_args(__doc__, lambda p: (p.add_argument("--parent", default=""), p.add_argument("--auth")))
    zk = client(args, auth_data=[("digest", args.auth)] if args.auth else None)
    path = zk.create(args.parent + "/still-alive-", b"written after", sequence=True, ephemeral=True)
    equal(zk.get(path)[0], b"written after", "data read back")
    zk.delete(path)
    equal(zk.exists(path), None, "deleted node")
    ok("kazoo read and wrote %s" % path)
    zk.stop()


if __name__ == "__main__":
    main()
