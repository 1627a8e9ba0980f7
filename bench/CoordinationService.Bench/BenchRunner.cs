using CoordinationService.Bench.Reporting;
using CoordinationService.Bench.Workloads;

namespace CoordinationService.Bench;

/// <summary>The whole benchmark: a silo (started here unless --gateway), sessions, the node set, then
/// every workload once per run, a table per run and the medians at the end.</summary>
public static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(p => Console.Error.WriteLine(p));
            return 2;
        }

        foreach (var fact in MachineFacts.Describe())
        {
            Console.WriteLine(fact);
        }

        SiloLauncher? silo = null;
        try
        {
            if (options.Gateway is null)
            {
                silo = await SiloLauncher.StartAsync(options.SiloSettings, ct);
                Console.WriteLine($"Silo started: PID {silo.Pid}, gateway {silo.Gateway}" +
                    (options.SiloSettings.Count == 0 ? "" : ", with " + string.Join(", ", options.SiloSettings.Select(kv => $"{kv.Key}={kv.Value}"))));
            }

            var gateway = options.Gateway ?? silo?.Gateway ?? throw new InvalidOperationException("No gateway: neither --gateway nor a started silo.");
            await using var cluster = await BenchCluster.ConnectAsync(gateway, options.Sessions, ct);
            var nodes = await NodeSet.CreateAsync(cluster.Sessions[0], options.NodeCount, options.DataBytes, ct);
            Console.WriteLine($"{options.NodeCount} nodes of {options.DataBytes} bytes under {nodes.Root}; {options.Sessions} sessions");

            var workloads = Choose(options, nodes);
            var driver = new WorkloadDriver(cluster.Sessions, options.WarmUp, options.Duration, silo is null ? null : () => silo.CpuTime);
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
            await ResultsFile.WriteAsync(options.ResultsPath, options, medians, ct);
            Console.WriteLine($"Written to {options.ResultsPath}");

            if (options.Gateway is not null)
            {
                // Someone else's silo: leave it as we found it. Our own silo's data directory is simply deleted.
                await NodeSetCleanup.DeleteAsync(cluster.Sessions[0], nodes.Root, ct);
            }

            return medians.Any(m => m.Note?.StartsWith("FLAGGED", StringComparison.Ordinal) == true) ? 3 : 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
        finally
        {
            if (silo is not null)
            {
                await silo.DisposeAsync();
                Console.WriteLine($"Silo PID {silo.Pid} stopped.");
            }
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
