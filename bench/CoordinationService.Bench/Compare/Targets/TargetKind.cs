namespace CoordinationService.Bench.Compare.Targets;

/// <summary>The four servers the comparison drives; each of ours has a ZooKeeper counterpart of the same shape.</summary>
public enum TargetKind
{
    Embedded,
    ZooKeeperStandalone,
    Cluster,
    ZooKeeperEnsemble,
}

public static class TargetKinds
{
    /// <summary>The order they run in: each of ours next to its counterpart, so both see similar neighbours.</summary>
    public static readonly IReadOnlyList<TargetKind> All =
        [TargetKind.Embedded, TargetKind.ZooKeeperStandalone, TargetKind.Cluster, TargetKind.ZooKeeperEnsemble];

    /// <summary>The name on the command line (--targets).</summary>
    public static string Key(this TargetKind kind) => kind switch
    {
        TargetKind.Embedded => "embedded",
        TargetKind.ZooKeeperStandalone => "zookeeper",
        TargetKind.Cluster => "cluster",
        TargetKind.ZooKeeperEnsemble => "ensemble",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The name in the tables and the plot.</summary>
    public static string Title(this TargetKind kind) => kind switch
    {
        TargetKind.Embedded => "ours, embedded",
        TargetKind.ZooKeeperStandalone => "ZooKeeper standalone",
        TargetKind.Cluster => "ours, 3 silos + PostgreSQL",
        TargetKind.ZooKeeperEnsemble => "ZooKeeper 3-server ensemble",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsOurs(this TargetKind kind) => kind is TargetKind.Embedded or TargetKind.Cluster;

    /// <summary>What a figure of ours is divided by: the ZooKeeper of the same shape.</summary>
    public static TargetKind Counterpart(this TargetKind kind) => kind switch
    {
        TargetKind.Embedded => TargetKind.ZooKeeperStandalone,
        TargetKind.Cluster => TargetKind.ZooKeeperEnsemble,
        TargetKind.ZooKeeperStandalone => TargetKind.Embedded,
        TargetKind.ZooKeeperEnsemble => TargetKind.Cluster,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string key, out TargetKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Key(), key, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
