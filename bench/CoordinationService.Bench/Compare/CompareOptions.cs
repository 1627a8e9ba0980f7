using CoordinationService.Bench.Compare.Targets;

namespace CoordinationService.Bench.Compare;

/// <summary>What one comparison run measures; parsed in <see cref="CompareCommand"/>.</summary>
public sealed record CompareOptions(
    IReadOnlyList<TargetKind> Targets,
    IReadOnlySet<string> Workloads,
    int Runs,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Sessions,
    int InFlightPerSession,
    int NodeCount,
    int DataBytes,
    int ChurnSessions,
    int ChurnConcurrency,
    int LockContenders,
    int DotNetSessions,
    int DotNetInFlight,
    int LeaderKills,
    string ZooKeeperJar,
    string ResultsDirectory,
    IReadOnlyDictionary<string, string> SiloSettings)
{
    /// <summary>Bounds that keep a mistyped option from running for hours or opening thousands of connections.</summary>
    public IEnumerable<string> Validate()
    {
        if (Targets.Count == 0)
        {
            yield return "--targets names no target.";
        }

        if (Runs is < 1 or > 20)
        {
            yield return $"--runs must be 1..20 (was {Runs}).";
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromMinutes(5))
        {
            yield return $"--duration must be more than 0 and at most 300 seconds (was {Duration.TotalSeconds}).";
        }

        if (WarmUp < TimeSpan.Zero || WarmUp > TimeSpan.FromMinutes(1))
        {
            yield return $"--warmup must be 0..60 seconds (was {WarmUp.TotalSeconds}).";
        }

        if (Sessions is < 2 or > 1000)
        {
            yield return $"--sessions must be 2..1000 (was {Sessions}): the watch workload's watcher needs a second session.";
        }

        if (InFlightPerSession is < 1 or > 1000)
        {
            yield return $"--inflight must be 1..1000 (was {InFlightPerSession}).";
        }

        if (NodeCount is < 1 or > 100_000)
        {
            yield return $"--nodes must be 1..100000 (was {NodeCount}).";
        }

        if (DataBytes is < 0 or > 1_000_000)
        {
            yield return $"--data-bytes must be 0..1000000 (was {DataBytes}).";
        }

        if (ChurnSessions is < 1 or > 100_000 || ChurnConcurrency is < 1 or > 1000)
        {
            yield return $"--churn-sessions must be 1..100000 and --churn-concurrency 1..1000 (were {ChurnSessions}, {ChurnConcurrency}).";
        }

        if (LockContenders < 2 || LockContenders > Sessions)
        {
            yield return $"--lock-contenders must be 2..--sessions (was {LockContenders}): each contender is one session.";
        }

        if (DotNetSessions < 1 || DotNetSessions > DotNetInFlight || DotNetInFlight > 4096)
        {
            yield return $"--dotnet-sessions must be 1..--dotnet-inflight, and --dotnet-inflight at most 4096 (were {DotNetSessions}, {DotNetInFlight}).";
        }

        if (LeaderKills is < 0 or > 20)
        {
            yield return $"--leader-kills must be 0..20 (was {LeaderKills}).";
        }
    }
}
