namespace CoordinationService.Hosting;

/// <summary>
/// How the service behaves; bound from the "Coordination" configuration section
/// (appsettings.json or Coordination__Name environment variables) and validated at start.
/// </summary>
public sealed class CoordinationOptions
{
    public const string SectionName = "Coordination";

    /// <summary>Where the embedded SQLite log and snapshots live. Default "data" (relative to the working directory).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>ZooKeeper's tickTime: the unit of session timeouts and expiry buckets. Default 2000 ms.</summary>
    public int TickTimeMs { get; set; } = 2000;

    /// <summary>Smallest session timeout granted. Default 0 = 2 ticks, as ZooKeeper.</summary>
    public int MinSessionTimeoutMs { get; set; }

    /// <summary>Largest session timeout granted. Default 0 = 20 ticks, as ZooKeeper.</summary>
    public int MaxSessionTimeoutMs { get; set; }

    /// <summary>Largest znode payload (ZooKeeper's jute.maxbuffer). Default 1 MiB.</summary>
    public int MaxDataBytes { get; set; } = 1024 * 1024;

    /// <summary>A snapshot is written after this many txns. Default 100,000, as ZooKeeper's snapCount: at tens of thousands of writes a second a smaller interval spends the disk and CPU on snapshots.</summary>
    public int SnapshotEveryTxns { get; set; } = 100_000;

    /// <summary>How often empty containers and expired TTL nodes are looked for. Default 60 s, as ZooKeeper.</summary>
    public int ContainerCheckIntervalMs { get; set; } = 60_000;

    /// <summary>Whether TTL nodes may be created (ZooKeeper calls this extendedTypesEnabled). Default true.</summary>
    public bool TtlEnabled { get; set; } = true;

    /// <summary>Committed txns the leader keeps in memory for replicas to pull. Default 100,000.</summary>
    public int CommitWindowTxns { get; set; } = 100_000;

    /// <summary>Most writes the leader orders into one log append (one fsync). Default 1,000.</summary>
    public int MaxBatchTxns { get; set; } = 1_000;

    public int EffectiveMinSessionTimeoutMs => MinSessionTimeoutMs > 0 ? MinSessionTimeoutMs : 2 * TickTimeMs;

    public int EffectiveMaxSessionTimeoutMs => MaxSessionTimeoutMs > 0 ? MaxSessionTimeoutMs : 20 * TickTimeMs;
}
