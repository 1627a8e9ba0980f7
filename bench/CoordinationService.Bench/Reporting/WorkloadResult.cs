using CoordinationService.Bench.Workloads;

namespace CoordinationService.Bench.Reporting;

/// <summary>What one workload did in one run.</summary>
public sealed record WorkloadResult(
    string Name,
    int InFlight,
    int Sessions,
    double OpsPerSecond,
    LatencyHistogram Latencies,
    int Errors,
    string? FirstError,
    CpuUsage Cpu,
    Target? Target)
{
    /// <summary>A run with any error is not a result: its figures may describe a failure path.</summary>
    public bool Flagged => Errors > 0 || Latencies.Count == 0;

    public double P50 => Latencies.PercentileMs(50);

    public double P99 => Latencies.PercentileMs(99);

    public double P999 => Latencies.PercentileMs(99.9);
}
