namespace CoordinationService.Tree;

/// <summary>
/// The raw ephemeralOwner values ZooKeeper stores for its extended node types (EphemeralType):
/// containers and TTL nodes are not owned by a session, but the field marks what they are.
/// </summary>
public static class EphemeralOwners
{
    /// <summary>ZooKeeper's CONTAINER_EPHEMERAL_OWNER.</summary>
    public const long Container = long.MinValue;

    /// <summary>ZooKeeper's largest TTL (EphemeralType.MAX_EXTENDED_SERVER_ID bits): 2^40 - 1 ms.</summary>
    public const long MaxTtl = 0xFF_FFFF_FFFFL;

    private const long TtlMask = unchecked((long)0xFF00_0000_0000_0000UL);

    public static long ForTtl(long ttl) => TtlMask | ttl;
}
