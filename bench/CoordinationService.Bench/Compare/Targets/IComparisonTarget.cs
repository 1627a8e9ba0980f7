using System.Net;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>A server (or several) the bench started for the comparison, on free loopback ports in its own
/// temp directories; disposing it stops every process by PID and deletes the directories.</summary>
public interface IComparisonTarget : IAsyncDisposable
{
    TargetKind Kind { get; }

    /// <summary>How it was started, for the results file.</summary>
    string Description { get; }

    /// <summary>ZooKeeper client ports; sessions are spread over them round-robin.</summary>
    IReadOnlyList<IPEndPoint> ZooKeeperEndPoints { get; }

    /// <summary>CPU time of every server process so far (PostgreSQL's included).</summary>
    TimeSpan ServerCpu();
}

/// <summary>Several servers of which one leads: the failover measurement kills the leader's and starts it again.</summary>
public interface IReplicatedTarget : IComparisonTarget
{
    /// <summary>SIGKILL the server process at this index, as a crash.</summary>
    Task KillAsync(int index);

    /// <summary>Starts the killed server again on its ports and directory; returns once it serves.</summary>
    Task RestartAsync(int index, CancellationToken ct);
}

/// <summary>Our silos: also reachable through the .NET client on their Orleans gateways.</summary>
public interface ISiloTarget : IComparisonTarget
{
    IReadOnlyList<IPEndPoint> OrleansGateways { get; }
}
