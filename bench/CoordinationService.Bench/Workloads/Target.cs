namespace CoordinationService.Bench.Workloads;

public enum TargetMetric
{
    OpsPerSecondAtLeast,
    P50MillisecondsAtMost,
}

/// <summary>A figure the issue holds a workload to.</summary>
public sealed record Target(TargetMetric Metric, double Value)
{
    public override string ToString() => Metric switch
    {
        TargetMetric.OpsPerSecondAtLeast => $"≥ {Value:N0} ops/s",
        TargetMetric.P50MillisecondsAtMost => $"p50 ≤ {Value:0.##} ms",
        _ => "?",
    };
}
