using System.CommandLine;
using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench.Compare;

/// <summary><c>compare</c>: the same ZooKeeper-protocol workloads against our silos and Apache ZooKeeper, all
/// started by the bench, in one run; turned into <see cref="CompareOptions"/>.</summary>
public static class CompareCommand
{
    public static Command Create(Func<CompareOptions, CancellationToken, Task<int>> run)
    {
        var targets = new Option<string[]>("--targets")
        {
            Description = "Servers to start and drive: embedded, zookeeper, cluster, ensemble; default all four.",
            AllowMultipleArgumentsPerToken = true,
        };
        var workloads = new Option<string[]>("--workload")
        {
            Description = $"Workloads to run ({string.Join(", ", ComparisonCases.Keys)}); default all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var quick = new Option<bool>("--quick") { Description = "A smoke run: 1 run, 1 s per workload, 100 churned sessions, 1 leader kill (explicit options still win)." };
        var runs = new Option<int?>("--runs") { Description = "Repetitions of every workload; the table shows medians. Default 3." };
        var duration = new Option<double?>("--duration") { Description = "Measured seconds per workload. Default 10." };
        var warmUp = new Option<double?>("--warmup") { Description = "Unmeasured seconds before each workload. Default 2." };
        var sessions = new Option<int>("--sessions") { Description = "ZooKeeper sessions (one connection each) for the throughput workloads.", DefaultValueFactory = _ => 32 };
        var inFlight = new Option<int>("--inflight") { Description = "Pipelined requests in flight per session.", DefaultValueFactory = _ => 16 };
        var nodes = new Option<int>("--nodes") { Description = "Pre-created nodes read and written.", DefaultValueFactory = _ => 1000 };
        var dataBytes = new Option<int>("--data-bytes") { Description = "Bytes of data per node.", DefaultValueFactory = _ => 100 };
        var churn = new Option<int?>("--churn-sessions") { Description = "Sessions the session workload opens, uses and closes. Default 1000." };
        var churnConcurrency = new Option<int>("--churn-concurrency") { Description = "Of those, how many at a time.", DefaultValueFactory = _ => 32 };
        var contenders = new Option<int>("--lock-contenders") { Description = "Clients contending for one lock in the contended lock workload.", DefaultValueFactory = _ => 8 };
        var dotNetSessions = new Option<int>("--dotnet-sessions") { Description = ".NET-client sessions (our targets only).", DefaultValueFactory = _ => 4 };
        var dotNetInFlight = new Option<int>("--dotnet-inflight") { Description = ".NET-client requests in flight over all its sessions.", DefaultValueFactory = _ => 64 };
        var kills = new Option<int?>("--leader-kills") { Description = "Leader kills (kill -9) per replicated target, for the write unavailability; 0 skips. Default 3." };
        var jar = new Option<string>("--zookeeper-jar") { Description = "Apache ZooKeeper's jar.", DefaultValueFactory = _ => ZooKeeperJava.DefaultJar };
        var results = new Option<string?>("--results-dir") { Description = "Where <timestamp>.md and <timestamp>.png go; default bench/results." };
        var siloSettings = new Option<string[]>("--silo-setting") { Description = "Key=Value configuration for our silos, as an environment variable." };

        var command = new Command("compare", "Our embedded silo and 3-silo cluster against Apache ZooKeeper standalone and as an ensemble, same ZooKeeper-protocol workloads, one table of ratios.")
        {
            targets, workloads, quick, runs, duration, warmUp, sessions, inFlight, nodes, dataBytes, churn, churnConcurrency, contenders,
            dotNetSessions, dotNetInFlight, kills, jar, results, siloSettings,
        };
        command.SetAction((parse, ct) =>
        {
            var isQuick = parse.GetValue(quick);
            var chosenTargets = new List<TargetKind>();
            foreach (var key in parse.GetValue(targets) is { Length: > 0 } named ? named.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)) : TargetKinds.All.Select(k => k.Key()))
            {
                if (!TargetKinds.TryParse(key, out var kind))
                {
                    Console.Error.WriteLine($"Unknown target '{key}': embedded, zookeeper, cluster or ensemble.");
                    return Task.FromResult(2);
                }

                chosenTargets.Add(kind);
            }

            var chosenWorkloads = new HashSet<string>(
                parse.GetValue(workloads) is { Length: > 0 } picked ? picked.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries)) : ComparisonCases.Keys,
                StringComparer.OrdinalIgnoreCase);
            var unknown = chosenWorkloads.Except(ComparisonCases.Keys, StringComparer.OrdinalIgnoreCase).ToList();
            if (unknown.Count > 0)
            {
                Console.Error.WriteLine($"Unknown workload(s) {string.Join(", ", unknown)}: {string.Join(", ", ComparisonCases.Keys)}.");
                return Task.FromResult(2);
            }

            var options = new CompareOptions(
                [.. TargetKinds.All.Where(chosenTargets.Contains)],
                chosenWorkloads,
                parse.GetValue(runs) ?? (isQuick ? 1 : 3),
                TimeSpan.FromSeconds(parse.GetValue(duration) ?? (isQuick ? 1 : 10)),
                TimeSpan.FromSeconds(parse.GetValue(warmUp) ?? (isQuick ? 0.5 : 2)),
                parse.GetValue(sessions),
                parse.GetValue(inFlight),
                parse.GetValue(nodes),
                parse.GetValue(dataBytes),
                parse.GetValue(churn) ?? (isQuick ? 100 : 1000),
                parse.GetValue(churnConcurrency),
                parse.GetValue(contenders),
                parse.GetValue(dotNetSessions),
                parse.GetValue(dotNetInFlight),
                parse.GetValue(kills) ?? (isQuick ? 1 : 3),
                parse.GetValue(jar)!,
                parse.GetValue(results) ?? Path.Combine(RepositoryPaths.Root, "bench", "results"),
                (parse.GetValue(siloSettings) ?? []).Select(p => p.Split('=', 2)).ToDictionary(
                    kv => kv.Length == 2 && kv[0].Length > 0 ? kv[0] : throw new ArgumentException($"--silo-setting must be Key=Value (was '{string.Join('=', kv)}')."),
                    kv => kv[1]));
            return run(options, ct);
        });
        return command;
    }
}
