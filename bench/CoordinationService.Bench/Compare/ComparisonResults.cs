using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Compare;

/// <summary>Everything one comparison measured, per target: each case's runs, the failovers, and why a target has no figures.</summary>
public sealed class ComparisonResults(CompareOptions options)
{
    private readonly Dictionary<(string Case, TargetKind Target), List<WorkloadResult>> _runs = [];

    public CompareOptions Options { get; } = options;

    public DateTime StartedUtc { get; } = DateTime.UtcNow;

    public Dictionary<TargetKind, FailoverResult> Failovers { get; } = [];

    /// <summary>A target that could not be started or measured, with the reason.</summary>
    public Dictionary<TargetKind, string> Failures { get; } = [];

    public Dictionary<TargetKind, string> Descriptions { get; } = [];

    /// <summary>The machine's load average around each target, since the machine may be shared.</summary>
    public Dictionary<TargetKind, string> Load { get; } = [];

    public void Add(ComparisonCase @case, TargetKind target, WorkloadResult result)
    {
        if (!_runs.TryGetValue((@case.Name, target), out var list))
        {
            _runs[(@case.Name, target)] = list = [];
        }

        list.Add(result);
    }

    /// <summary>Medians over the clean runs (a run with any error is not a result), or null when the case did not run there.</summary>
    public ResultRow? Median(string caseName, TargetKind target) =>
        _runs.TryGetValue((caseName, target), out var runs) ? ResultRow.Median(runs) : null;

    /// <summary>Runs without errors, of all runs.</summary>
    public (int Clean, int All) RunCounts(string caseName, TargetKind target) =>
        _runs.TryGetValue((caseName, target), out var runs) ? (runs.Count(r => !r.Flagged), runs.Count) : (0, 0);
}
