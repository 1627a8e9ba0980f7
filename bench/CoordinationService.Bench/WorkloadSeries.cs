using CoordinationService.Bench.Reporting;
using CoordinationService.Bench.Workloads;

namespace CoordinationService.Bench;

/// <summary>
/// The part both modes share once sessions are open: the node set, every chosen workload once per run,
/// a table per run, the medians, the results file, and (when asked) deleting the nodes again.
/// </summary>
public static class WorkloadSeries
{
    /// <param name="serverCpu">CPU time of the server process, when the bench started it; null shows n/a.</param>
    /// <param name="cleanUp">Delete the nodes afterwards, through the same sessions; also after a failure.</param>
    /// <returns>0, or 3 when some workload had errors in every run.</returns>
    public static async Task<int> RunAsync(
        BenchOptions options, IReadOnlyList<IBenchSession> sessions, Func<TimeSpan>? serverCpu, bool cleanUp, string server, CancellationToken ct)
    {
        var nodes = await NodeSet.CreateAsync(sessions[0], options.NodeCount, options.DataBytes, ct);
        Console.WriteLine($"{options.NodeCount} nodes of {options.DataBytes} bytes under {nodes.Root}; {sessions.Count} sessions");
        try
        {
            var workloads = Choose(options, nodes);
            var driver = new WorkloadDriver(sessions, options.WarmUp, options.Duration, serverCpu);
            var byWorkload = workloads.ToDictionary(w => w.Name, _ => new List<WorkloadResult>());
            for (var run = 1; run <= options.Runs; run++)
            {
                var rows = new List<ResultRow>();
                foreach (var workload in workloads)
                {
                    var result = await driver.RunAsync(workload, ct);
                    byWorkload[workload.Name].Add(result);
                    rows.Add(ResultRow.From(result));
                }

                Console.WriteLine();
                Console.WriteLine($"Run {run}/{options.Runs}:");
                Console.Write(MarkdownTable.Render(rows));
            }

            var medians = workloads.Select(w => ResultRow.Median(byWorkload[w.Name])).ToList();
            Console.WriteLine();
            Console.WriteLine($"Medians of {options.Runs} runs:");
            Console.Write(MarkdownTable.Render(medians));
            await ResultsFile.WriteAsync(options.ResultsPath, options, server, medians, ct);
            Console.WriteLine($"Written to {options.ResultsPath}");
            return medians.Any(m => m.Note?.StartsWith("FLAGGED", StringComparison.Ordinal) == true) ? 3 : 0;
        }
        finally
        {
            if (cleanUp)
            {
                await CleanUpAsync(sessions[0], nodes.Root);
            }
        }
    }

    private static async Task CleanUpAsync(IBenchSession session, string root)
    {
        // Its own deadline, not the run's token: after Ctrl-C the nodes should still go.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await NodeSetCleanup.DeleteAsync(session, root, timeout.Token);
            Console.WriteLine($"Deleted {root} and everything under it.");
        }
        catch (Exception ex)
        {
            // Best effort: a dead session cannot delete anything, and that must not hide the run's own outcome.
            Console.Error.WriteLine($"Could not delete {root}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static List<Workload> Choose(BenchOptions options, NodeSet nodes)
    {
        Workload[] all =
        [
            new GetDataWorkload(nodes, options.InFlight),
            new SetDataWorkload(nodes, options.InFlight),
            new CreateWorkload(nodes),
            new MixedWorkload(nodes, options.InFlight),
        ];
        return all.Where(w => options.Workloads.Contains(w.Name.Split(' ')[0])).ToList();
    }
}
