using CoordinationService.Tests.Linearizability.Faults;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// The shape of one run: how long, which faults, how many clients of each kind, how many keys. Ten
/// clients in all by default: 3 .NET and 2 ZooKeeper-protocol writers and readers, a sync+reader pinned
/// to each of the 3 silos, and one lock contender of each kind.
/// </summary>
internal sealed record RunOptions(
    string Root,
    TimeSpan Duration,
    IReadOnlyList<FaultKind> Faults,
    int Seed,
    int DotNetWorkers = 3,
    int WireWorkers = 2,
    int LockWorkersEach = 1,
    int RegisterKeys = 4,
    int SetKeys = 2,
    int EphemeralsPerDoomedSession = 3)
{
    /// <summary>Quiet time before each fault.</summary>
    public TimeSpan FaultInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request waits for its reply before the client gives up on it (outcome unknown).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(4);
}
