#!/usr/bin/python3
"""ACLs and digest authentication through kazoo: NoAuth for the wrong identity, getACL masking as ZooKeeper 3.8 does."""
from kazoo.exceptions import NoAuthError
from kazoo.security import ACL, Id, Permissions, make_digest_acl, make_digest_acl_credential

from interop_common import check, client, equal, ok, parse_args, raises, unique_root


def main():
    args = parse_args(__doc__)
    alice = client(args, auth_data=[("digest", "alice:secret")])
    anonymous = client(args)
    bob = client(args, auth_data=[("digest", "bob:other")])
    root = unique_root(anonymous, "acl")
    alice_id = make_digest_acl_credential("alice", "secret")  # alice:<base64 sha1>

    secret = root + "/secret"
    alice.create(secret, b"top secret", acl=[make_digest_acl("alice", "secret", all=True)])
    equal(alice.get(secret)[0], b"top secret", "owner reads its node")
    for name, zk in (("anonymous", anonymous), ("bob", bob)):
        raises(NoAuthError, lambda: zk.get(secret), name + " getData")
        raises(NoAuthError, lambda: zk.set(secret, b"x"), name + " setData")
        raises(NoAuthError, lambda: zk.create(secret + "/child", b""), name + " create child")
        raises(NoAuthError, lambda: zk.get_children(secret), name + " getChildren")
        raises(NoAuthError, lambda: zk.get_acls(secret), name + " getACL without READ or ADMIN")
        check(zk.exists(secret) is not None, name + " exists needs no permission")
    ok("digest ACL: other identities get NoAuthError, exists is open")

    acls, _ = alice.get_acls(secret)
    equal([(a.perms, a.id.scheme, a.id.id) for a in acls], [(Permissions.ALL, "digest", alice_id)], "getACL by the owner (ADMIN)")
    ok("getACL with ADMIN shows the digest unmasked")

    # READ for everyone, ADMIN only for alice: ZooKeeper 3.8 answers getACL to a READ-only caller with digest ids masked as user:x.
    masked = root + "/masked"
    alice.create(masked, b"", acl=[ACL(Permissions.READ, Id("world", "anyone")), make_digest_acl("alice", "secret", all=True)])
    acls, _ = anonymous.get_acls(masked)
    equal([(a.perms, a.id.scheme, a.id.id) for a in acls],
          [(Permissions.READ, "world", "anyone"), (Permissions.ALL, "digest", "alice:x")], "getACL with READ but not ADMIN")
    acls, _ = alice.get_acls(masked)
    equal(acls[1].id.id, alice_id, "getACL by the admin")
    raises(NoAuthError, lambda: anonymous.set(masked, b"x"), "anonymous setData with READ only")
    ok("getACL with READ but not ADMIN masks digest ids as user:x")

    # The auth scheme: the creator's authenticated ids.
    owned = root + "/owned"
    alice.create(owned, b"", acl=[ACL(Permissions.ALL, Id("auth", ""))])
    acls, _ = alice.get_acls(owned)
    equal([(a.perms, a.id.scheme, a.id.id) for a in acls], [(Permissions.ALL, "digest", alice_id)], "auth scheme expands to the caller's digest")
    ok("auth scheme ACL becomes the creator's digest id")

    # Authenticating later on the same session grants access.
    bob.add_auth("digest", "alice:secret")
    equal(bob.get(secret)[0], b"top secret", "after add_auth with alice's credentials")
    bob.set(secret, b"changed")
    ok("add_auth on a live session grants access")

    alice.delete(root, recursive=True)
    for zk in (alice, anonymous, bob):
        zk.stop()


if __name__ == "__main__":
    main()
