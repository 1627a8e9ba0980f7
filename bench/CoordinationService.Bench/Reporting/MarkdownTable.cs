using System.Globalization;
using System.Text;

namespace CoordinationService.Bench.Reporting;

/// <summary>Renders rows as a markdown table: readable on the console and pasteable into the README as is.</summary>
public static class MarkdownTable
{
    public static string Render(IEnumerable<ResultRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | shape | ops/s | p50 ms | p99 ms | p99.9 ms | errors | bench CPU | server CPU | other CPU | target | met | note |");
        text.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|");
        foreach (var r in rows)
        {
            text.AppendLine(string.Join(" | ", [
                "| " + r.Name,
                r.Shape,
                r.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                Ms(r.P50),
                Ms(r.P99),
                Ms(r.P999),
                r.Errors.ToString(CultureInfo.InvariantCulture),
                Percent(r.BenchCpu),
                r.SiloCpu is { } silo ? Percent(silo) : "n/a",
                r.OtherCpu is { } other ? Percent(other) : "n/a",
                r.Target?.ToString() ?? "",
                r.Verdict(),
                (r.Note ?? "") + " |",
            ]));
        }

        return text.ToString();
    }

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
