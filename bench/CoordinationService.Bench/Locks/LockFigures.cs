namespace CoordinationService.Bench.Locks;

/// <summary>What the table shows of a workload: one run's figures, or the median of each figure over runs.</summary>
public sealed record LockFigures(string Name, string Shape, double PerSecond, double P50Ms, double P99Ms)
{
    public static LockFigures Median(IReadOnlyList<LockFigures> runs) => new(
        runs[0].Name, runs[0].Shape, MedianOf(runs.Select(r => r.PerSecond)), MedianOf(runs.Select(r => r.P50Ms)), MedianOf(runs.Select(r => r.P99Ms)));

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
