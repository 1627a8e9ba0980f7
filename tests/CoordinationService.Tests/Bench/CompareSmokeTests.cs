using System.Diagnostics;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Bench;

/// <summary>
/// The comparison bench in its quickest mode against the embedded silo only: every workload runs to the
/// end without an error, and the table and the plot are written. The windows stay at --quick's 1 s and
/// the warm-up is 1 s (only operations that start and end inside a window count; a fresh silo still
/// compiling its code, or a contended lock on a busy machine, can take half a second per operation),
/// with 2 lock contenders instead of 8. Measures nothing; it keeps the one-command
/// benchmark from rotting between the runs that do.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CompareSmokeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BenchTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task QuickComparisonAgainstTheEmbeddedSiloRunsEveryWorkloadCleanlyAndWritesTableAndPlot()
    {
        using var results = new TempDirectory();
        var (exitCode, text) = await RunBenchAsync(
            "compare", "--quick", "--targets", "embedded", "--warmup", "1", "--churn-sessions", "50", "--lock-contenders", "2",
            "--results-dir", results.Path);
        output.WriteLine(text);

        // 3 would mean a flagged row (a run with errors) or a target that did not start.
        Assert.Equal(0, exitCode);
        var table = File.ReadAllText(Assert.Single(Directory.GetFiles(results.Path, "*.md")));
        foreach (var workload in new[]
        {
            "create (1 in flight)", "getData", "setData", "mixed 90/10", "watch: write → event", "sessions: connect + ephemeral + close",
            "lock recipe, 1 client", "lock recipe, contended", "getData (.NET client)", "setData (.NET client)",
        })
        {
            var row = table.Split('\n').SingleOrDefault(l => l.StartsWith($"| {workload} |", StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for {workload} in:\n{table}");
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal("ours, embedded", cells[3]);
            Assert.True(double.Parse(cells[5].Replace(",", "")) > 0, $"{workload} completed nothing: {row}");
            Assert.Equal("0", cells[9]);
        }

        var plot = File.ReadAllBytes(Assert.Single(Directory.GetFiles(results.Path, "*.png")));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], plot[..4]);
    }

    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(BenchAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(BenchTimeout);
        }
        catch (TimeoutException)
        {
            // The bench stops the silo it started on its way out; killing its tree covers a hang.
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The bench built alongside these tests (same configuration), as the project reference builds it.</summary>
    private static string BenchAssembly
    {
        get
        {
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepositoryPaths.Root, "bench", "CoordinationService.Bench", "bin", tfmDirectory.Parent!.Name, tfmDirectory.Name, "CoordinationService.Bench.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the bench first", path);
        }
    }
}
