using System.Text.RegularExpressions;
using CoordinationService.Requests;

namespace CoordinationService.Locks;

/// <summary>
/// Contender node names as the ZooKeeper lock recipes write them, so that every implementation on
/// one path sees the same queue: kazoo's <c>&lt;uuid hex&gt;__lock__&lt;seq&gt;</c> (and
/// <c>__rlock__</c> for readers), which is what we create, and Curator's <c>_c_&lt;uuid&gt;-lock-&lt;seq&gt;</c>
/// (<c>-__WRIT__</c>, <c>-__READ__</c>), which we also respect. The owner id leads the name (Curator's
/// protection mode), so a client that lost a reply finds its node again by that prefix.
/// </summary>
internal static partial class LockNodeNames
{
    public static string Marker(LockKind kind) => kind switch
    {
        LockKind.Exclusive => "__lock__",
        LockKind.Read => "__rlock__",
        LockKind.Semaphore => "__lease__",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string OwnerPrefix(Guid owner) => owner.ToString("N");

    /// <summary>The name to create (the server appends the sequence).</summary>
    public static string Prefix(Guid owner, LockKind kind) => OwnerPrefix(owner) + Marker(kind);

    /// <summary>
    /// A contender's kind and ordering key. The key is the sequence text exactly as kazoo sorts it (the
    /// optional minus and ten digits after the marker, compared as a string), so both agree on the order.
    /// </summary>
    public static bool TryParse(string name, out LockKind kind, out string sequence)
    {
        var match = ContenderName().Match(name);
        if (!match.Success)
        {
            kind = default;
            sequence = string.Empty;
            return false;
        }

        kind = match.Groups["writer"].Success ? LockKind.Exclusive
            : match.Groups["reader"].Success ? LockKind.Read
            : LockKind.Semaphore;
        sequence = match.Groups["sequence"].Value;
        return true;
    }

    // kazoo's pattern is "(?:markers)(-?\d{10})$"; the markers here are kazoo's, Curator's and ours.
    [GeneratedRegex(@"(?:(?<writer>__lock__|-lock-|__WRIT__)|(?<reader>__rlock__|__READ__)|(?<lease>__lease__))(?<sequence>-?\d{10})$", RegexOptions.CultureInvariant)]
    private static partial Regex ContenderName();
}
