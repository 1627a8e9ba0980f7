namespace CoordinationService.Model;

/// <summary>What a znode is, once created; sequential-ness only shapes its name.</summary>
public enum NodeKind : byte
{
    Persistent = 0,
    Ephemeral = 1,
    Container = 2,
    Ttl = 3,
}
