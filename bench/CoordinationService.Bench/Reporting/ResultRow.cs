using CoordinationService.Bench.Workloads;

namespace CoordinationService.Bench.Reporting;

/// <summary>One line of a table: a single run's figures, or the medians over the runs that had no errors.</summary>
public sealed record ResultRow(
    string Name,
    string Shape,
    double OpsPerSecond,
    double P50,
    double P99,
    double P999,
    int Errors,
    double BenchCpu,
    double? SiloCpu,
    double? OtherCpu,
    Target? Target,
    string? Note)
{
    public static ResultRow From(WorkloadResult r) => new(
        r.Name,
        ShapeOf(r.Sessions, r.InFlight),
        r.OpsPerSecond,
        r.P50,
        r.P99,
        r.P999,
        r.Errors,
        r.Cpu.Bench,
        r.Cpu.Silo,
        r.Cpu.Others,
        r.Target,
        r.Flagged ? "FLAGGED: " + (r.FirstError ?? "no request completed in the window") : null);

    /// <summary>Medians of each figure across the clean runs; a workload with no clean run stays flagged.</summary>
    public static ResultRow Median(IReadOnlyList<WorkloadResult> runs)
    {
        var first = runs[0];
        var clean = runs.Where(r => !r.Flagged).ToList();
        var errors = runs.Sum(r => r.Errors);
        if (clean.Count == 0)
        {
            return From(first) with { Errors = errors, Note = $"FLAGGED in all {runs.Count} runs" };
        }

        var note = clean.Count < runs.Count ? $"median of {clean.Count}/{runs.Count} clean runs" : null;
        return new ResultRow(
            first.Name,
            ShapeOf(first.Sessions, first.InFlight),
            MedianOf(clean.Select(r => r.OpsPerSecond)),
            MedianOf(clean.Select(r => r.P50)),
            MedianOf(clean.Select(r => r.P99)),
            MedianOf(clean.Select(r => r.P999)),
            errors,
            MedianOf(clean.Select(r => r.Cpu.Bench)),
            first.Cpu.Silo is null ? null : MedianOf(clean.Select(r => r.Cpu.Silo ?? 0)),
            first.Cpu.Others is null ? null : MedianOf(clean.Select(r => r.Cpu.Others ?? 0)),
            first.Target,
            note);
    }

    /// <summary>"yes"/"NO" against the issue's target, or empty when the workload has none or is flagged.</summary>
    public string Verdict()
    {
        if (Target is null || Note?.StartsWith("FLAGGED", StringComparison.Ordinal) == true)
        {
            return "";
        }

        var met = Target.Metric switch
        {
            TargetMetric.OpsPerSecondAtLeast => OpsPerSecond >= Target.Value,
            TargetMetric.P50MillisecondsAtMost => P50 <= Target.Value,
            _ => false,
        };
        return met ? "yes" : "NO";
    }

    private static string ShapeOf(int sessions, int inFlight) =>
        inFlight == 1 ? "1 session × 1" : $"{sessions} sessions × {inFlight / sessions}{(inFlight % sessions == 0 ? "" : "+")}";

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
