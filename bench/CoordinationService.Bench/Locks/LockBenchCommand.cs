using System.CommandLine;

namespace CoordinationService.Bench.Locks;

/// <summary><c>locks</c>: lock acquire+release through the .NET client against the ZooKeeper recipe over the wire, and contended grants.</summary>
public static class LockBenchCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "How many times the whole set runs; the table shows medians.", DefaultValueFactory = _ => 3 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds per workload.", DefaultValueFactory = _ => 5 };
        var warmUp = new Option<double>("--warmup") { Description = "Unmeasured seconds before each workload.", DefaultValueFactory = _ => 1 };
        var contenders = new Option<int>("--contenders") { Description = "Sessions contending for one lock.", DefaultValueFactory = _ => 8 };
        var parallel = new Option<int>("--parallel") { Description = "Sessions (and wire connections) each locking its own free lock, all at once.", DefaultValueFactory = _ => 16 };
        var results = new Option<string?>("--results") { Description = "Markdown file for the median table; default bench/results/latest-locks.md." };
        var command = new Command("locks", "Uncontended lock acquire+release via the .NET client vs the three-round-trip ZooKeeper recipe over our wire gateway, and grants/s under contention.")
        {
            runs, duration, warmUp, contenders, parallel, results,
        };
        command.SetAction((parse, ct) => LockBenchRunner.RunAsync(
            new LockBenchOptions(
                parse.GetValue(runs),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                parse.GetValue(contenders),
                parse.GetValue(parallel),
                parse.GetValue(results) ?? Path.Combine(RepositoryPaths.Root, "bench", "results", "latest-locks.md")),
            ct));
        return command;
    }
}
