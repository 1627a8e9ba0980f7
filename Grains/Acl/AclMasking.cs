using System.Text.RegularExpressions;
using CoordinationService.Model;

namespace CoordinationService.Acl;

/// <summary>
/// What getACL shows a session that may read a node but not administer it: digest ids lose their
/// hash, "alice:&lt;hash&gt;" becomes "alice:x" (ZooKeeper's id.replaceAll(":.*", ":x")).
/// </summary>
public static partial class AclMasking
{
    public static IReadOnlyList<AclEntry> MaskDigests(IReadOnlyList<AclEntry> acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        if (!acl.Any(entry => entry.Scheme == AclSchemes.Digest))
        {
            return acl;
        }

        return [.. acl.Select(entry => entry.Scheme == AclSchemes.Digest
            ? entry with { Id = FromColon().Replace(entry.Id, ":x") }
            : entry)];
    }

    // Java's '.' stops at these line terminators, so this is the same match as ":.*" there.
    [GeneratedRegex(":[^\n\r\u0085\u2028\u2029]*", RegexOptions.CultureInvariant)]
    private static partial Regex FromColon();
}
