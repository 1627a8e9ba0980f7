using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench;

/// <summary>The .NET-client mode: a silo (started here unless --gateway) and its Orleans sessions; the
/// workloads themselves run in <see cref="WorkloadSeries"/>.</summary>
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

            // Someone else's silo is left as we found it; our own silo's data directory is simply deleted.
            return await WorkloadSeries.RunAsync(
                options,
                cluster.Sessions,
                silo is null ? null : () => silo.CpuTime,
                cleanUp: options.Gateway is not null,
                server: $"CoordinationService silo via the .NET client ({gateway})",
                ct);
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
}
