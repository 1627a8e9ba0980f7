using CoordinationService.Model;

namespace CoordinationService.Acl;

/// <summary>ZooKeeper's ZooKeeperServer.checkACL, without the "super" identity.</summary>
public static class AclPolicy
{
    /// <summary>
    /// Whether some entry granting any of the <paramref name="needed"/> bits matches one of the
    /// session's identities. Any bit, not all: getACL asks for Read | Admin and either will do.
    /// A node with no ACL at all is open to everyone, as in ZooKeeper.
    /// </summary>
    public static bool IsAllowed(IReadOnlyList<AclEntry> acl, Permissions needed, IReadOnlyList<AuthId> auth)
    {
        ArgumentNullException.ThrowIfNull(acl);
        ArgumentNullException.ThrowIfNull(auth);
        if (acl.Count == 0)
        {
            return true;
        }

        foreach (var entry in acl)
        {
            if ((entry.Permissions & needed) != 0 && Matches(entry, auth))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(AclEntry entry, IReadOnlyList<AuthId> auth)
    {
        if (entry.Scheme == AclSchemes.World)
        {
            return entry.Id == AclSchemes.Anyone;
        }

        foreach (var id in auth)
        {
            if (id.Scheme != entry.Scheme)
            {
                continue;
            }

            var matches = entry.Scheme switch
            {
                AclSchemes.Digest => id.Id == entry.Id,
                AclSchemes.Ip => IpAclExpression.Matches(id.Id, entry.Id),
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
