using System.Globalization;
using System.Text;
using CoordinationService.Bench.Reporting;
using CoordinationService.Bench.Zk;
using CoordinationService.Client;
using CoordinationService.Client.Locks;
using CoordinationService.Errors;

namespace CoordinationService.Bench.Locks;

/// <summary>
/// Starts a silo, then runs each lock workload <c>--runs</c> times: one session taking and releasing a
/// free lock through the .NET client; the same through the ZooKeeper recipe over the silo's wire
/// gateway (one connection, three round trips) and through the .NET client's plain calls; and N
/// sessions taking turns on one lock.
/// Prints each run and the medians, and writes the medians to a markdown file.
/// </summary>
public static class LockBenchRunner
{
    private const string Root = "/bench-locks";

    public static async Task<int> RunAsync(LockBenchOptions options, CancellationToken ct)
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

        await using var silo = await SiloLauncher.StartAsync(new Dictionary<string, string>(), ct);
        Console.WriteLine($"Silo started: PID {silo.Pid}, gateway {silo.Gateway}, ZooKeeper clients {silo.ZooKeeper}");
        await using var clients = await LockBenchClients.ConnectAsync(silo.Gateway, Math.Max(options.Contenders, options.Parallel), ct);
        var wire = new List<ZkConnection>();
        try
        {
            for (var i = 0; i < options.Parallel; i++)
            {
                wire.Add(await ZkConnection.ConnectAsync(silo.ZooKeeper, TimeSpan.FromSeconds(30), ct));
            }

            await EnsureAsync(clients.Sessions[0], Root);
            var runs = new List<IReadOnlyList<LockFigures>>();
            for (var run = 1; run <= options.Runs; run++)
            {
                var measured = await RunOnceAsync(options, clients.Sessions, wire, ct);
                runs.Add(measured);
                Console.WriteLine($"\nRun {run} of {options.Runs}\n{Render(measured)}");
            }

            var medians = Medians(runs);
            var table = Render(medians);
            Console.WriteLine($"\nMedians of {options.Runs} runs\n{table}");
            Directory.CreateDirectory(Path.GetDirectoryName(options.ResultsPath)!);
            await File.WriteAllTextAsync(options.ResultsPath, $"# Lock benchmark, medians of {options.Runs} runs\n\n{string.Join("\n", MachineFacts.Describe())}\n\n{table}", ct);
            Console.WriteLine($"Medians written to {options.ResultsPath}");
            return 0;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
        finally
        {
            foreach (var connection in wire)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<IReadOnlyList<LockFigures>> RunOnceAsync(
        LockBenchOptions options, IReadOnlyList<CoordinationClient> sessions, IReadOnlyList<ZkConnection> wire, CancellationToken ct)
    {
        var dotnetPath = $"{Root}/dotnet-{Guid.NewGuid():N}";
        var locks = new LockClient(sessions[0]);
        var dotnet = await LockMeasurement.RunAsync(
            "acquire+release, .NET client", "1 session, free lock", 1,
            async (_, token) =>
            {
                await using var handle = await locks.AcquireAsync(dotnetPath, TimeSpan.FromSeconds(10), token);
            },
            options.WarmUp, options.Duration, ct);

        var clientRecipePath = $"{Root}/client-recipe-{Guid.NewGuid():N}";
        await EnsureAsync(sessions[0], clientRecipePath);
        var clientRecipe = new ClientLockRecipe(sessions[0], clientRecipePath);
        var viaClient = await LockMeasurement.RunAsync(
            "acquire+release, ZooKeeper recipe via the .NET client", "1 session, free lock: create, getChildren, delete", 1,
            (_, token) => clientRecipe.AcquireAndReleaseAsync(token), options.WarmUp, options.Duration, ct);

        var wirePath = $"{Root}/wire-{Guid.NewGuid():N}";
        await EnsureAsync(sessions[0], wirePath);
        var recipe = new ZooKeeperLockRecipe(wire[0], wirePath);
        var zooKeeper = await LockMeasurement.RunAsync(
            "acquire+release, ZooKeeper recipe over the wire", "1 connection, free lock: create, getChildren, delete", 1,
            (_, _) => recipe.AcquireAndReleaseAsync(), options.WarmUp, options.Duration, ct);

        var parallelLocks = sessions.Take(options.Parallel).Select(s => new LockClient(s)).ToArray();
        var parallelPaths = parallelLocks.Select(_ => $"{Root}/parallel-{Guid.NewGuid():N}").ToArray();
        var parallel = await LockMeasurement.RunAsync(
            "acquire+release, .NET client", $"{options.Parallel} sessions, a free lock each", options.Parallel,
            async (worker, token) =>
            {
                await using var handle = await parallelLocks[worker].AcquireAsync(parallelPaths[worker], TimeSpan.FromSeconds(10), token);
            },
            options.WarmUp, options.Duration, ct);

        var parallelRecipes = new ZooKeeperLockRecipe[options.Parallel];
        for (var i = 0; i < parallelRecipes.Length; i++)
        {
            var path = $"{Root}/parallel-wire-{Guid.NewGuid():N}";
            await EnsureAsync(sessions[0], path);
            parallelRecipes[i] = new ZooKeeperLockRecipe(wire[i], path);
        }

        var parallelWire = await LockMeasurement.RunAsync(
            "acquire+release, ZooKeeper recipe over the wire", $"{options.Parallel} connections, a free lock each", options.Parallel,
            (worker, _) => parallelRecipes[worker].AcquireAndReleaseAsync(), options.WarmUp, options.Duration, ct);

        var contendedPath = $"{Root}/contended-{Guid.NewGuid():N}";
        var contenders = sessions.Take(options.Contenders).Select(s => new LockClient(s)).ToArray();
        var contended = await LockMeasurement.RunAsync(
            "grants, .NET client", $"{contenders.Length} sessions on one lock", contenders.Length,
            async (worker, token) =>
            {
                await using var handle = await contenders[worker].AcquireAsync(contendedPath, TimeSpan.FromSeconds(30), token);
            },
            options.WarmUp, options.Duration, ct);
        return [dotnet.Figures, zooKeeper.Figures, viaClient.Figures, parallel.Figures, parallelWire.Figures, contended.Figures];
    }

    private static List<LockFigures> Medians(List<IReadOnlyList<LockFigures>> runs) =>
        [.. Enumerable.Range(0, runs[0].Count).Select(i => LockFigures.Median([.. runs.Select(r => r[i])]))];

    private static string Render(IReadOnlyList<LockFigures> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| workload | shape | per second | p50 ms | p99 ms |");
        text.AppendLine("|---|---|--:|--:|--:|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Shape} | {row.PerSecond:N0} | {row.P50Ms:0.000} | {row.P99Ms:0.000} |"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"\n.NET lock vs ZooKeeper recipe over the wire, one locker: {rows[0].PerSecond / rows[1].PerSecond:0.00}x acquisitions per second, " +
            $"p50 {rows[1].P50Ms / rows[0].P50Ms:0.00}x lower (target >= 2x); parallel lockers: {rows[3].PerSecond / rows[4].PerSecond:0.00}x"));
        return text.ToString();
    }

    private static async Task EnsureAsync(CoordinationClient client, string path)
    {
        try
        {
            await client.CreateAsync(path, []);
        }
        catch (NodeExistsException)
        {
            // From an earlier run against the same silo.
        }
    }
}
