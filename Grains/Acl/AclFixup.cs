using CoordinationService.Model;

namespace CoordinationService.Acl;

/// <summary>
/// ZooKeeper's PrepRequestProcessor.fixupACL: turns the ACL a create or setACL asked for into the
/// one stored, or refuses it with InvalidAcl.
/// </summary>
public static class AclFixup
{
    /// <summary>
    /// Drops exact duplicates (first kept), refuses an empty list, validates each entry, and replaces
    /// each "auth" entry (whatever its id) by one entry per digest identity of the session. Entries are
    /// not deduplicated again afterwards, so "auth" plus the same digest spelled out stores both, as
    /// the real server does.
    /// </summary>
    /// <returns><see cref="ResultCode.Ok"/> with <paramref name="stored"/> set, or <see cref="ResultCode.InvalidAcl"/>.</returns>
    public static ResultCode Fix(IReadOnlyList<AclEntry>? requested, IReadOnlyList<AuthId> auth, out IReadOnlyList<AclEntry> stored)
    {
        ArgumentNullException.ThrowIfNull(auth);
        stored = [];
        var unique = requested?.Distinct().ToArray() ?? [];
        if (unique.Length == 0)
        {
            return ResultCode.InvalidAcl;
        }

        var result = new List<AclEntry>(unique.Length);
        foreach (var entry in unique)
        {
            if (entry?.Scheme is null || entry.Id is null)
            {
                return ResultCode.InvalidAcl;
            }

            if (entry.Scheme == AclSchemes.Auth)
            {
                if (!AddSessionIdentities(entry.Permissions, auth, result))
                {
                    return ResultCode.InvalidAcl;
                }
            }
            else if (IsValid(entry))
            {
                result.Add(entry);
            }
            else
            {
                return ResultCode.InvalidAcl;
            }
        }

        stored = result;
        return ResultCode.Ok;
    }

    /// <summary>Only providers that report isAuthenticated count: digest does, ip does not.</summary>
    private static bool AddSessionIdentities(Permissions permissions, IReadOnlyList<AuthId> auth, List<AclEntry> result)
    {
        var any = false;
        foreach (var id in auth.Distinct())
        {
            if (id.Scheme == AclSchemes.Digest)
            {
                result.Add(new AclEntry(permissions, id.Scheme, id.Id));
                any = true;
            }
        }

        return any;
    }

    private static bool IsValid(AclEntry entry) => entry.Scheme switch
    {
        AclSchemes.World => entry.Id == AclSchemes.Anyone,
        AclSchemes.Digest => IsDigestId(entry.Id),
        AclSchemes.Ip => IpAclExpression.IsValid(entry.Id),
        _ => false,
    };

    /// <summary>
    /// Java's id.split(":").length == 2, trailing empty parts dropped: "a:b" and ":b" and "a:b:" pass,
    /// "a", "a:" and "a:b:c" do not.
    /// </summary>
    private static bool IsDigestId(string id)
    {
        var parts = id.Split(':');
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
        {
            count--;
        }

        // Java keeps the single empty part of an empty string.
        return (id.Length == 0 ? 1 : count) == 2;
    }
}
