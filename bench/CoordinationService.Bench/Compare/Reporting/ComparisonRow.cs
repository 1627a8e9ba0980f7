using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Compare.Reporting;

/// <summary>One line of the comparison table: a case's medians on one target, and (for ours) the same case's medians on the counterpart ZooKeeper.</summary>
public sealed record ComparisonRow(ComparisonCase Case, TargetKind Target, ResultRow Median, int CleanRuns, int Runs, ResultRow? ZooKeeper)
{
    public bool Flagged => IsFlagged(Median);

    /// <summary>Ours ÷ ZooKeeper's ops/s: above 1 is faster.</summary>
    public double? ThroughputRatio => Ratio(r => r.OpsPerSecond);

    /// <summary>Ours ÷ ZooKeeper's p50: below 1 is faster.</summary>
    public double? P50Ratio => Ratio(r => r.P50);

    /// <summary>Ours ÷ ZooKeeper's p99: below 1 is faster.</summary>
    public double? P99Ratio => Ratio(r => r.P99);

    public static bool IsFlagged(ResultRow row) => row.Note?.StartsWith("FLAGGED", StringComparison.Ordinal) == true;

    /// <summary>Every case that ran, in case order, then target order; ratios against the counterpart where both have clean figures.</summary>
    public static IReadOnlyList<ComparisonRow> From(ComparisonResults results)
    {
        var rows = new List<ComparisonRow>();
        foreach (var @case in ComparisonCases.All)
        {
            foreach (var target in TargetKinds.All)
            {
                if (results.Median(@case.Name, target) is not { } median)
                {
                    continue;
                }

                var (clean, all) = results.RunCounts(@case.Name, target);
                var zooKeeper = target.IsOurs() && @case.RatioAgainst is { } against ? results.Median(against, target.Counterpart()) : null;
                rows.Add(new ComparisonRow(@case, target, median, clean, all, zooKeeper));
            }
        }

        return rows;
    }

    private double? Ratio(Func<ResultRow, double> figure)
    {
        if (ZooKeeper is null || Flagged || IsFlagged(ZooKeeper))
        {
            return null;
        }

        var theirs = figure(ZooKeeper);
        return theirs > 0 && !double.IsNaN(theirs) ? figure(Median) / theirs : null;
    }
}
