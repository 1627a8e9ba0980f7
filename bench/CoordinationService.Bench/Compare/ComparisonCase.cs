using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Compare;

/// <summary>How a case reaches the server.</summary>
public enum ClientKind
{
    /// <summary>Our own pipelined jute client: the same bytes to our silos and to ZooKeeper.</summary>
    ZooKeeperProtocol,

    /// <summary>The .NET client over Orleans: our targets only.</summary>
    DotNetClient,
}

/// <summary>One measured run of a case on a target, already set up.</summary>
public delegate Task<WorkloadResult> CaseRun(CancellationToken ct);

/// <summary>
/// One row group of the comparison: a workload, how it reaches the server, and which ZooKeeper row its
/// ratio divides by. <see cref="PrepareAsync"/> runs once per target (making the nodes it needs) and
/// returns what each of the runs calls.
/// </summary>
/// <param name="Key">Its name on the command line (--workload).</param>
/// <param name="RatioAgainst">The <see cref="Name"/> of the ZooKeeper-protocol case on the counterpart
/// ZooKeeper this row is compared with; null for no ratio.</param>
public sealed record ComparisonCase(
    string Key,
    string Name,
    ClientKind Client,
    string? RatioAgainst,
    Func<CaseContext, CancellationToken, Task<CaseRun>> PrepareAsync);
