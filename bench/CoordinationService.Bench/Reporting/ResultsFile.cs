using System.Text;

namespace CoordinationService.Bench.Reporting;

/// <summary>Writes the median table as markdown (bench/results/ is git-ignored; the README quotes it by hand).</summary>
public static class ResultsFile
{
    public static async Task WriteAsync(string path, BenchOptions options, string server, IEnumerable<ResultRow> medians, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.AppendLine($"# CoordinationService benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        foreach (var fact in MachineFacts.Describe())
        {
            text.AppendLine($"- {fact}");
        }

        text.AppendLine($"- Server: {server}");
        text.AppendLine($"- Runs: {options.Runs}, {options.WarmUp.TotalSeconds:0.#} s warm-up + {options.Duration.TotalSeconds:0.#} s measured per workload, " +
            $"{options.NodeCount} nodes of {options.DataBytes} bytes");
        text.AppendLine();
        text.AppendLine($"Medians of {options.Runs} runs (CPU as a share of all cores):");
        text.AppendLine();
        text.Append(MarkdownTable.Render(medians));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        await File.WriteAllTextAsync(path, text.ToString(), ct);
    }
}
