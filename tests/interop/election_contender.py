"""A kazoo Election contender for the recipe tests: joins the election, prints LEADER with the czxid
of its node (the fencing term) when elected, and holds leadership until it is killed."""
import threading

from interop_common import client, parse_args


def extra(parser):
    parser.add_argument("--path", required=True)
    parser.add_argument("--id", required=True)
    parser.add_argument("--session-timeout", type=float, default=4.0)


def main():
    args = parse_args(__doc__, extra)
    zk = client(args, timeout=args.session_timeout)
    election = zk.Election(args.path, args.id)
    print("SESSION id=0x%x timeout-ms=%d" % (zk.client_id[0], zk._session_timeout), flush=True)

    def lead():
        stat = zk.exists(args.path + "/" + election.lock.node)
        print("LEADER term=%d id=%s" % (stat.czxid, args.id), flush=True)
        threading.Event().wait()

    election.run(lead)


if __name__ == "__main__":
    main()
