using System.CommandLine;
using System.Net;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench;

/// <summary>The command line: the .NET-client mode (the root command) and the ZooKeeper-protocol mode
/// (<c>zk</c>), with their defaults, turned into <see cref="BenchOptions"/> / <see cref="ZooKeeperBenchOptions"/>.</summary>
public static class BenchCommand
{
    public static RootCommand Create(
        Func<BenchOptions, CancellationToken, Task<int>> run, Func<ZooKeeperBenchOptions, CancellationToken, Task<int>> runZooKeeper)
    {
        var common = new CommonOptions("bench/results/latest.md");
        var inFlight = new Option<int>("--inflight") { Description = "Requests in flight for the throughput workloads, over all sessions.", DefaultValueFactory = _ => 64 };
        var sessions = new Option<int>("--sessions") { Description = "Sessions the in-flight requests are spread over.", DefaultValueFactory = _ => 4 };
        var gateway = new Option<string?>("--gateway") { Description = "host:port of an already running silo's Orleans gateway (loopback only); default: start one." };

        var command = new RootCommand("Throughput and latency of CoordinationService through the .NET client against a real silo.")
        {
            inFlight, sessions, gateway, ZooKeeperCommand(runZooKeeper), Locks.LockBenchCommand.Create(),
        };
        common.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var options = common.Build(parse, parse.GetValue(inFlight), parse.GetValue(sessions), parse.GetValue(gateway) is { } text ? ParseEndPoint(text, "--gateway") : null);
            return run(options, ct);
        });
        return command;
    }

    /// <summary><c>zk</c>: the same workloads over the ZooKeeper wire protocol, N sessions (connections) × M pipelined requests each.</summary>
    private static Command ZooKeeperCommand(Func<ZooKeeperBenchOptions, CancellationToken, Task<int>> run)
    {
        var common = new CommonOptions("bench/results/latest-zk.md");
        // 32 × 16 is the shape the comparison with Apache ZooKeeper uses.
        var sessions = new Option<int>("--sessions") { Description = "ZooKeeper sessions, one TCP connection each.", DefaultValueFactory = _ => 32 };
        var inFlight = new Option<int>("--inflight") { Description = "Pipelined requests in flight per session (throughput workloads).", DefaultValueFactory = _ => 16 };
        var target = new Option<string?>("--target") { Description = "host:port of a running ZooKeeper-protocol server (loopback only); default: start our silo and use its ZooKeeper port." };
        var jar = new Option<string?>("--zookeeper-jar") { Description = "Start Apache ZooKeeper standalone from this jar (e.g. /usr/share/java/zookeeper.jar) on a free port, and drive it." };

        var command = new Command("zk", "The same workloads over the ZooKeeper wire protocol, pipelined, against our silo or any ZooKeeper-protocol server.")
        {
            sessions, inFlight, target, jar,
        };
        common.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var perSession = parse.GetValue(inFlight);
            var sessionCount = parse.GetValue(sessions);
            if (perSession < 1)
            {
                Console.Error.WriteLine($"--inflight must be at least 1 (was {perSession}).");
                return Task.FromResult(2);
            }

            var options = new ZooKeeperBenchOptions(
                common.Build(parse, perSession * sessionCount, sessionCount, gateway: null),
                parse.GetValue(target) is { } text ? ParseEndPoint(text, "--target") : null,
                parse.GetValue(jar));
            return run(options, ct);
        });
        return command;
    }

    private static Dictionary<string, string> ParseSettings(string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(
            kv => kv.Length == 2 && kv[0].Length > 0 ? kv[0] : throw new ArgumentException($"--silo-setting must be Key=Value (was '{string.Join('=', kv)}')."),
            kv => kv[1]);

    private static IPEndPoint ParseEndPoint(string text, string option)
    {
        if (IPEndPoint.TryParse(text, out var parsed) && parsed.Port != 0)
        {
            return parsed;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port))
        {
            throw new ArgumentException($"{option} must be host:port (was '{text}').");
        }

        // Prefer IPv4: the silo's localhost clustering and ZooKeeper gateway listen on 127.0.0.1.
        var addresses = Dns.GetHostAddresses(text[..colon]);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0];
        return new IPEndPoint(address, port);
    }

    /// <summary>The options both modes share; one instance per command, since their defaults (results file) differ.</summary>
    private sealed class CommonOptions(string defaultResults)
    {
        private readonly Option<int> _runs = new("--runs") { Description = "How many times the whole set of workloads runs.", DefaultValueFactory = _ => 3 };
        private readonly Option<double> _duration = new("--duration") { Description = "Measured seconds per workload.", DefaultValueFactory = _ => 10 };
        private readonly Option<double> _warmUp = new("--warmup") { Description = "Unmeasured seconds before each workload.", DefaultValueFactory = _ => 2 };
        private readonly Option<int> _nodes = new("--nodes") { Description = "Pre-created nodes read and written.", DefaultValueFactory = _ => 1000 };
        private readonly Option<int> _dataBytes = new("--data-bytes") { Description = "Bytes of data per node.", DefaultValueFactory = _ => 100 };
        private readonly Option<string?> _results = new("--results") { Description = $"Markdown file for the median table; default {defaultResults}." };
        private readonly Option<string[]> _siloSettings = new("--silo-setting")
        {
            Description = "Key=Value configuration for the started silo, as an environment variable (e.g. Coordination__SnapshotEveryTxns=100000).",
        };

        private readonly Option<string[]> _workloads = new("--workload")
        {
            Description = "Workloads to run (getData, setData, create, mixed); default all.",
            AllowMultipleArgumentsPerToken = true,
        };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _runs, _duration, _warmUp, _nodes, _dataBytes, _results, _workloads, _siloSettings })
            {
                command.Options.Add(option);
            }
        }

        public BenchOptions Build(ParseResult parse, int inFlight, int sessions, IPEndPoint? gateway)
        {
            var chosen = parse.GetValue(_workloads) is { Length: > 0 } named
                ? new HashSet<string>(named, StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "getData", "setData", "create", "mixed" };
            return new BenchOptions(
                parse.GetValue(_runs),
                TimeSpan.FromSeconds(parse.GetValue(_duration)),
                TimeSpan.FromSeconds(parse.GetValue(_warmUp)),
                inFlight,
                sessions,
                parse.GetValue(_nodes),
                parse.GetValue(_dataBytes),
                gateway,
                parse.GetValue(_results) ?? Path.Combine(RepositoryPaths.Root, defaultResults),
                chosen,
                ParseSettings(parse.GetValue(_siloSettings) ?? []));
        }
    }
}
