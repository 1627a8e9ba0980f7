namespace CoordinationService.Tree;

/// <summary>Limits the leader applies when it turns requests into txns.</summary>
public sealed record PreparerOptions
{
    /// <summary>Largest znode data in bytes; ZooKeeper's jute.maxbuffer default is 1 MiB.</summary>
    public int MaxDataBytes { get; init; } = 1_048_576;

    /// <summary>Lower bound of the negotiated session timeout (ZooKeeper: 2 ticks of 2 s).</summary>
    public int MinSessionTimeoutMs { get; init; } = 4000;

    /// <summary>Upper bound of the negotiated session timeout (ZooKeeper: 20 ticks of 2 s).</summary>
    public int MaxSessionTimeoutMs { get; init; } = 40000;

    /// <summary>ZooKeeper's extendedTypesEnabled: without it TTL creates answer Unimplemented.</summary>
    public bool TtlEnabled { get; init; } = true;
}
