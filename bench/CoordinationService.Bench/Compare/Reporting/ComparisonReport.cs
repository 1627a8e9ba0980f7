using System.Globalization;
using System.Text;
using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Compare.Reporting;

/// <summary>The comparison as markdown: the same text goes to the console and to results/&lt;timestamp&gt;.md.</summary>
public static class ComparisonReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A flagged row (no clean run) or a failed leader kill: the run is not a clean result.</summary>
    public static bool HasProblems(ComparisonResults results) =>
        ComparisonRow.From(results).Any(r => r.Flagged) || results.Failovers.Values.Any(f => f.Errors > 0);

    public static string Render(ComparisonResults results)
    {
        var options = results.Options;
        var rows = ComparisonRow.From(results);
        var text = new StringBuilder();
        text.AppendLine($"# CoordinationService vs Apache ZooKeeper — {results.StartedUtc:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        foreach (var fact in MachineFacts.Describe())
        {
            text.AppendLine($"- {fact}");
        }

        text.AppendLine(Invariant, $"- {options.Runs} run(s) of each workload, {options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s measured; " +
            $"throughput workloads {options.Sessions} sessions × {options.InFlightPerSession} in flight over {options.NodeCount:N0} nodes of {options.DataBytes} bytes; " +
            $"{options.ChurnSessions:N0} churned sessions, {options.ChurnConcurrency} at a time; {options.LockContenders} lock contenders; " +
            $".NET client {options.DotNetSessions} sessions, {options.DotNetInFlight} in flight");
        foreach (var kind in options.Targets)
        {
            var description = results.Descriptions.GetValueOrDefault(kind, "not started");
            text.AppendLine($"- {kind.Title()}: {description}; load average {results.Load.GetValueOrDefault(kind, "n/a")}");
        }

        text.AppendLine();
        text.AppendLine($"Medians of the clean runs (a run with any error is left out; \"clean\" counts them). Ratios are ours ÷ the ZooKeeper of the same shape " +
            "(embedded ÷ standalone, cluster ÷ ensemble): ops/s above 1× and latency below 1× favour us. CPU is a share of the whole machine.");
        text.AppendLine();
        AppendTable(text, rows);
        AppendFailovers(text, results);
        AppendTargets(text, rows, results);
        if (results.Failures.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("Targets without figures:");
            foreach (var (kind, why) in results.Failures)
            {
                text.AppendLine($"- {kind.Title()}: {why}");
            }
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<ComparisonRow> rows)
    {
        text.AppendLine("| workload | client | server | shape | ops/s | p50 ms | p99 ms | p99.9 ms | errors | clean | server CPU | other CPU | ops/s ÷ ZK | p50 ÷ ZK | p99 ÷ ZK |");
        text.AppendLine("|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in rows)
        {
            var m = row.Median;
            text.AppendLine(string.Join(" | ", [
                "| " + row.Case.Name,
                row.Case.Client == ClientKind.DotNetClient ? ".NET" : "zk",
                row.Target.Title(),
                m.Shape,
                row.Flagged ? "FLAGGED" : m.OpsPerSecond.ToString("N0", Invariant),
                Ms(m.P50),
                Ms(m.P99),
                Ms(m.P999),
                m.Errors.ToString(Invariant),
                $"{row.CleanRuns}/{row.Runs}",
                m.SiloCpu is { } server ? server.ToString("0%", Invariant) : "n/a",
                m.OtherCpu is { } other ? other.ToString("0%", Invariant) : "n/a",
                Times(row.ThroughputRatio),
                Times(row.P50Ratio),
                Times(row.P99Ratio) + " |",
            ]));
        }
    }

    private static void AppendFailovers(StringBuilder text, ComparisonResults results)
    {
        if (results.Failovers.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Write unavailability after kill -9 of the leader's process (from the kill to the first write acknowledged through a survivor):");
        text.AppendLine();
        text.AppendLine("| server | kills measured | each, ms | median ms | failures (kill or restart) | ÷ ZK |");
        text.AppendLine("|---|--:|---|--:|--:|--:|");
        foreach (var (kind, failover) in results.Failovers.OrderBy(f => f.Key))
        {
            var theirs = kind.IsOurs() ? results.Failovers.GetValueOrDefault(kind.Counterpart())?.Median : null;
            var ratio = failover.Median is { } ours && theirs is { TotalMilliseconds: > 0 } zk ? Times(ours / zk) : "—";
            text.AppendLine(Invariant, $"| {kind.Title()} | {failover.Unavailable.Count} | " +
                $"{string.Join(", ", failover.Unavailable.Select(t => t.TotalMilliseconds.ToString("N0", Invariant)))} | " +
                $"{(failover.Median is { } median ? median.TotalMilliseconds.ToString("N0", Invariant) : "-")} | {failover.Errors} | {ratio} |");
            if (failover.FirstError is { } error)
            {
                text.AppendLine($"| | | {FirstLine(error)} | | | |");
            }
        }
    }

    /// <summary>The issue's targets, checked against this run's ratios.</summary>
    private static void AppendTargets(StringBuilder text, IReadOnlyList<ComparisonRow> rows, ComparisonResults results)
    {
        var lines = new List<string>();
        ComparisonRow? Find(string name, TargetKind target) => rows.FirstOrDefault(r => r.Case.Name == name && r.Target == target);
        void Throughput(string name, TargetKind target, double atLeast, string what)
        {
            if (Find(name, target)?.ThroughputRatio is { } ratio)
            {
                lines.Add($"{what}: {Times(ratio)} (target ≥ {atLeast:0.0#}×) — {(ratio >= atLeast ? "met" : "NOT met")}");
            }
        }

        void Latency(string name, TargetKind target, Func<ComparisonRow, double?> ratioOf, string what)
        {
            if (Find(name, target) is { } row && ratioOf(row) is { } ratio)
            {
                lines.Add($"{what}: {Times(ratio)} (target ≤ 1×) — {(ratio <= 1 ? "met" : "NOT met")}");
            }
        }

        Throughput("getData", TargetKind.Embedded, 1.2, "Embedded ÷ standalone, reads (getData ops/s)");
        Throughput("setData", TargetKind.Embedded, 1.2, "Embedded ÷ standalone, writes (setData ops/s)");
        foreach (var name in new[] { "getData", "setData", "mixed 90/10" })
        {
            Latency(name, TargetKind.Embedded, r => r.P99Ratio, $"Embedded ÷ standalone, {name} p99");
        }

        Throughput("getData", TargetKind.Cluster, 1.0, "Cluster ÷ ensemble, reads (getData ops/s)");
        Throughput("setData", TargetKind.Cluster, 1.0, "Cluster ÷ ensemble, writes (setData ops/s)");
        Latency("watch: write → event", TargetKind.Embedded, r => r.P50Ratio, "Embedded ÷ standalone, watch notification p50");
        Latency("watch: write → event", TargetKind.Cluster, r => r.P50Ratio, "Cluster ÷ ensemble, watch notification p50");
        var dotNetLocks = rows.Where(r => r.Case.Client == ClientKind.DotNetClient && r.Case.RatioAgainst?.StartsWith("lock", StringComparison.Ordinal) == true).ToList();
        foreach (var row in dotNetLocks.Where(r => r.ThroughputRatio is not null))
        {
            lines.Add($"{row.Case.Name} on {row.Target.Title()} ÷ the recipe on ZooKeeper: {Times(row.ThroughputRatio)} (target ≥ 2×) — {(row.ThroughputRatio >= 2 ? "met" : "NOT met")}");
        }

        if (dotNetLocks.Count == 0 && results.Options.Workloads.Any(w => w.StartsWith("lock", StringComparison.Ordinal)))
        {
            lines.Add("Lock through the .NET client ≥ 2× the recipe on ZooKeeper: not measured (no .NET-client lock case in this build)");
        }

        if (lines.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("Targets of the comparison (this run):");
        text.AppendLine();
        foreach (var line in lines)
        {
            text.AppendLine($"- {line}");
        }
    }

    /// <summary>A silo that failed to start carries its whole output in the message; the table gets its first line.</summary>
    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].TrimEnd(':', ' ');
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", Invariant);

    private static string Times(double? ratio) => ratio is { } r ? r.ToString("0.00", Invariant) + "×" : "—";
}
