using CoordinationService.Tests.Linearizability.Faults;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>The shape of one run: how long, which faults, how many clients of each kind, how many keys.</summary>
internal sealed record RunOptions(
    string Root,
    TimeSpan Duration,
    IReadOnlyList<FaultKind> Faults,
    int Seed,
    int DotNetWorkers = 4,
    int WireWorkers = 4,
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
