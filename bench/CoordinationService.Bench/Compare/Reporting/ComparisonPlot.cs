using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Reporting;
using ScottPlot;

namespace CoordinationService.Bench.Compare.Reporting;

/// <summary>
/// The comparison as a picture: throughput and p99 of every ZooKeeper-protocol workload, one bar per
/// server, ours in blues and ZooKeeper in oranges. Both axes are logarithmic, since a create with one
/// request in flight and a pipelined getData differ by two orders of magnitude. Flagged runs get no bar.
/// </summary>
public static class ComparisonPlot
{
    private const double GroupWidth = 0.8;

    private static readonly Dictionary<TargetKind, Color> Colours = new()
    {
        [TargetKind.Embedded] = Color.FromHex("#1f4e99"),
        [TargetKind.Cluster] = Color.FromHex("#6fa8dc"),
        [TargetKind.ZooKeeperStandalone] = Color.FromHex("#e67e22"),
        [TargetKind.ZooKeeperEnsemble] = Color.FromHex("#f6c28b"),
    };

    public static void Save(ComparisonResults results, string path)
    {
        var cases = ComparisonCases.All.Where(c => c.Client == ClientKind.ZooKeeperProtocol && results.Options.Workloads.Contains(c.Key)).ToList();
        var targets = TargetKinds.All.Where(results.Options.Targets.Contains).ToList();
        var figure = new Multiplot();
        figure.AddPlots(2);
        Panel(figure.GetPlot(0), results, cases, targets, r => r.OpsPerSecond, "Throughput, ops/s (log scale; higher is better)");
        Panel(figure.GetPlot(1), results, cases, targets, r => r.P99, "p99 latency, ms (log scale; lower is better)");
        figure.GetPlot(0).Title($"CoordinationService vs Apache ZooKeeper 3.8, same ZooKeeper-protocol workloads ({results.StartedUtc:yyyy-MM-dd HH:mm} UTC)");
        figure.SavePng(path, 1600, 1000);
    }

    private static void Panel(
        Plot plot, ComparisonResults results, List<ComparisonCase> cases, List<TargetKind> targets, Func<ResultRow, double> figure, string label)
    {
        var values = new List<(double Position, double Value, TargetKind Target)>();
        var width = GroupWidth / Math.Max(1, targets.Count);
        for (var c = 0; c < cases.Count; c++)
        {
            for (var t = 0; t < targets.Count; t++)
            {
                if (results.Median(cases[c].Name, targets[t]) is { } row && !ComparisonRow.IsFlagged(row) && figure(row) is var value && value > 0)
                {
                    values.Add((c - GroupWidth / 2 + width * (t + 0.5), value, targets[t]));
                }
            }
        }

        // Bars grow from one decade below the smallest value, so every bar is visible on the log axis.
        var floor = values.Count == 0 ? 0 : Math.Floor(Math.Log10(values.Min(v => v.Value))) - 1;
        plot.Add.Bars(values.Select(v => new Bar
        {
            Position = v.Position,
            Value = Math.Log10(v.Value),
            ValueBase = floor,
            Size = width * 0.95,
            FillColor = Colours[v.Target],
        }).ToList());

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y) is var v && v >= 1
                ? v.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.Label.Text = label;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(0, cases.Count).Select(i => (double)i)],
            [.. cases.Select(c => Wrap(c.Name))]);
        plot.Axes.SetLimitsY(floor, values.Count == 0 ? 1 : Math.Ceiling(Math.Log10(values.Max(v => v.Value)) + 0.3));
        plot.Axes.SetLimitsX(-0.6, cases.Count - 0.4);
        foreach (var target in targets)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = target.Title(), FillColor = Colours[target] });
        }

        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>Case names are long; two lines under each group keep them apart.</summary>
    private static string Wrap(string name)
    {
        var cut = name.IndexOfAny([':', ',', '(']);
        return cut > 0 ? name[..cut].TrimEnd() + "\n" + name[cut..].TrimStart(':', ',', ' ') : name;
    }
}
