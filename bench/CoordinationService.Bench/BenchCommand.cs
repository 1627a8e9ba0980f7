using System.CommandLine;
using System.Net;

namespace CoordinationService.Bench;

/// <summary>The command line: options with their defaults, turned into <see cref="BenchOptions"/>.</summary>
public static class BenchCommand
{
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var runs = new Option<int>("--runs") { Description = "How many times the whole set of workloads runs.", DefaultValueFactory = _ => 3 };
        var duration = new Option<double>("--duration") { Description = "Measured seconds per workload.", DefaultValueFactory = _ => 10 };
        var warmUp = new Option<double>("--warmup") { Description = "Unmeasured seconds before each workload.", DefaultValueFactory = _ => 2 };
        var inFlight = new Option<int>("--inflight") { Description = "Requests in flight for the throughput workloads.", DefaultValueFactory = _ => 64 };
        var sessions = new Option<int>("--sessions") { Description = "Sessions the in-flight requests are spread over.", DefaultValueFactory = _ => 4 };
        var nodes = new Option<int>("--nodes") { Description = "Pre-created nodes read and written.", DefaultValueFactory = _ => 1000 };
        var dataBytes = new Option<int>("--data-bytes") { Description = "Bytes of data per node.", DefaultValueFactory = _ => 100 };
        var gateway = new Option<string?>("--gateway") { Description = "host:port of an already running silo's Orleans gateway (loopback only); default: start one." };
        var results = new Option<string?>("--results") { Description = "Markdown file for the median table; default bench/results/latest.md." };
        var siloSettings = new Option<string[]>("--silo-setting")
        {
            Description = "Key=Value configuration for the started silo, as an environment variable (e.g. Coordination__SnapshotEveryTxns=100000).",
        };
        var workloads = new Option<string[]>("--workload")
        {
            Description = "Workloads to run (getData, setData, create, mixed); default all.",
            AllowMultipleArgumentsPerToken = true,
        };

        var command = new RootCommand("Throughput and latency of CoordinationService through the .NET client against a real silo.")
        {
            runs, duration, warmUp, inFlight, sessions, nodes, dataBytes, gateway, results, workloads, siloSettings,
        };
        command.SetAction((parse, ct) =>
        {
            var chosen = parse.GetValue(workloads) is { Length: > 0 } named
                ? new HashSet<string>(named, StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "getData", "setData", "create", "mixed" };
            var options = new BenchOptions(
                parse.GetValue(runs),
                TimeSpan.FromSeconds(parse.GetValue(duration)),
                TimeSpan.FromSeconds(parse.GetValue(warmUp)),
                parse.GetValue(inFlight),
                parse.GetValue(sessions),
                parse.GetValue(nodes),
                parse.GetValue(dataBytes),
                parse.GetValue(gateway) is { } text ? ParseEndPoint(text) : null,
                parse.GetValue(results) ?? Path.Combine(RepositoryPaths.Root, "bench", "results", "latest.md"),
                chosen,
                ParseSettings(parse.GetValue(siloSettings) ?? []));
            return run(options, ct);
        });
        return command;
    }

    private static Dictionary<string, string> ParseSettings(string[] pairs) =>
        pairs.Select(p => p.Split('=', 2)).ToDictionary(
            kv => kv.Length == 2 && kv[0].Length > 0 ? kv[0] : throw new ArgumentException($"--silo-setting must be Key=Value (was '{string.Join('=', kv)}')."),
            kv => kv[1]);

    private static IPEndPoint ParseEndPoint(string text)
    {
        if (IPEndPoint.TryParse(text, out var parsed) && parsed.Port != 0)
        {
            return parsed;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port))
        {
            throw new ArgumentException($"--gateway must be host:port (was '{text}').");
        }

        // Prefer IPv4: the silo's localhost clustering listens on 127.0.0.1.
        var addresses = Dns.GetHostAddresses(text[..colon]);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0];
        return new IPEndPoint(address, port);
    }
}
