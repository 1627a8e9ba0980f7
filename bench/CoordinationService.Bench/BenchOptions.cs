using System.Net;

namespace CoordinationService.Bench;

/// <summary>What one invocation of the benchmark measures; parsed from the command line in <see cref="BenchCommand"/>.</summary>
public sealed record BenchOptions(
    int Runs,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int InFlight,
    int Sessions,
    int NodeCount,
    int DataBytes,
    IPEndPoint? Gateway,
    string ResultsPath,
    IReadOnlySet<string> Workloads,
    IReadOnlyDictionary<string, string> SiloSettings)
{
    /// <summary>Bounds that keep a mistyped option from running for hours or opening thousands of sessions.</summary>
    public IEnumerable<string> Validate()
    {
        if (Runs is < 1 or > 20)
        {
            yield return $"--runs must be 1..20 (was {Runs}).";
        }

        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromMinutes(5))
        {
            yield return $"--duration must be 1..300 seconds (was {Duration.TotalSeconds}).";
        }

        if (WarmUp < TimeSpan.Zero || WarmUp > TimeSpan.FromMinutes(1))
        {
            yield return $"--warmup must be 0..60 seconds (was {WarmUp.TotalSeconds}).";
        }

        if (InFlight is < 1 or > 4096)
        {
            yield return $"--inflight must be 1..4096 (was {InFlight}).";
        }

        if (Sessions < 1 || Sessions > InFlight)
        {
            yield return $"--sessions must be 1..--inflight (was {Sessions}).";
        }

        if (NodeCount is < 1 or > 100_000)
        {
            yield return $"--nodes must be 1..100000 (was {NodeCount}).";
        }

        if (DataBytes is < 0 or > 1_000_000)
        {
            yield return $"--data-bytes must be 0..1000000 (was {DataBytes}).";
        }

        if (Gateway is not null && SiloSettings.Count > 0)
        {
            yield return "--silo-setting applies only to the silo the bench starts, not with --gateway.";
        }

        if (Gateway is { } gateway && !IPAddress.IsLoopback(gateway.Address))
        {
            yield return $"--gateway must be a loopback address (was {gateway}): the benchmark only targets this machine.";
        }
    }
}
