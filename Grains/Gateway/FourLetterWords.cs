using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoordinationService.Grains;
using CoordinationService.Hosting;
using CoordinationService.Replicas;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace CoordinationService.Gateway;

/// <summary>
/// ZooKeeper's four-letter words, answered on the client port in ZooKeeper 3.8's own formats so
/// monitoring scripts and client libraries that parse them keep working.
/// </summary>
public sealed class FourLetterWords(
    Replica replica,
    LeaderContact contact,
    GatewayStatistics statistics,
    IOptions<CoordinationOptions> coordination,
    IOptions<ZooKeeperGatewayOptions> gateway,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IClusterMembershipService membership)
{
    private static readonly HashSet<string> Words = ["ruok", "srvr", "stat", "envi", "conf", "cons", "mntr", "wchs", "isro"];
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>Whether the first four bytes of a connection are a command rather than a frame length.</summary>
    public static bool IsCommand(ReadOnlySpan<byte> firstFour) => firstFour.Length == 4 && Words.Contains(Encoding.ASCII.GetString(firstFour));

    public async Task<string> AnswerAsync(string word) => word switch
    {
        "ruok" => "imok",
        // ZooKeeper's read-only mode is ours while out of touch with a leader: reads served, possibly stale.
        "isro" => contact.InTouch ? "rw" : "ro",
        "srvr" => Server(await ModeAsync(), withClients: false),
        "stat" => Server(await ModeAsync(), withClients: true),
        "envi" => Environment(),
        "conf" => Configuration(),
        "cons" => Connections(detailed: true) + "\n",
        "mntr" => Monitor(await ModeAsync()),
        "wchs" => WatchSummary(),
        _ => string.Empty,
    };

    private string Server(string mode, bool withClients)
    {
        var figures = replica.Figures();
        var text = new StringBuilder();
        text.Append("Zookeeper version: ").Append(ServerVersion.Full).Append('\n');
        if (withClients)
        {
            text.Append("Clients:\n").Append(Connections(detailed: false)).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"Latency min/avg/max: {statistics.MinLatencyMs}/{statistics.AverageLatencyMs:0.0###}/{statistics.MaxLatencyMs}\n");
        text.Append(CultureInfo.InvariantCulture, $"Received: {statistics.Received}\nSent: {statistics.Sent}\n");
        text.Append(CultureInfo.InvariantCulture, $"Connections: {statistics.Connections.Count}\nOutstanding: 0\n");
        text.Append(CultureInfo.InvariantCulture, $"Zxid: 0x{figures.AppliedZxid:x}\nMode: {mode}\nNode count: {figures.NodeCount}\n");
        return text.ToString();
    }

    private string Connections(bool detailed)
    {
        var text = new StringBuilder();
        foreach (var c in statistics.Connections.OrderBy(c => c.Id))
        {
            text.Append(CultureInfo.InvariantCulture, $" /{c.Remote}[1](queued=0,recved={c.Received},sent={c.Sent}");
            if (detailed && c.SessionId != 0)
            {
                text.Append(CultureInfo.InvariantCulture, $",sid=0x{c.SessionId:x},to={c.TimeoutMs}");
            }

            text.Append(")\n");
        }

        return text.ToString();
    }

    private static string Environment() =>
        "Environment:\n" +
        $"zookeeper.version={ServerVersion.Full}\n" +
        $"host.name={System.Environment.MachineName}\n" +
        $"dotnet.version={System.Environment.Version}\n" +
        $"os.name={System.Runtime.InteropServices.RuntimeInformation.OSDescription}\n" +
        $"os.arch={System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}\n" +
        $"user.dir={System.Environment.CurrentDirectory}\n";

    private string Configuration()
    {
        var c = coordination.Value;
        var dataDir = Path.GetFullPath(c.DataDirectory);
        return $"clientPort={gateway.Value.Port}\nsecureClientPort=-1\ndataDir={dataDir}\ndataLogDir={dataDir}\n" +
            $"tickTime={c.TickTimeMs}\nmaxClientCnxns=0\nminSessionTimeout={c.EffectiveMinSessionTimeoutMs}\n" +
            $"maxSessionTimeout={c.EffectiveMaxSessionTimeoutMs}\nclientPortListenBacklog=-1\nserverId=0\n";
    }

    private string Monitor(string mode)
    {
        var f = replica.Figures();
        var lines = new List<(string Key, string Value)>
        {
            ("zk_version", ServerVersion.Full),
            ("zk_server_state", mode),
            ("zk_ephemerals_count", Num(f.Ephemerals)),
            ("zk_num_alive_connections", Num(statistics.Connections.Count)),
            ("zk_avg_latency", statistics.AverageLatencyMs.ToString("0.0###", CultureInfo.InvariantCulture)),
            ("zk_outstanding_requests", "0"),
            ("zk_znode_count", Num(f.NodeCount)),
            ("zk_global_sessions", Num(f.LiveSessions)),
            ("zk_local_sessions", "0"),
            ("zk_packets_sent", Num(statistics.Sent)),
            ("zk_packets_received", Num(statistics.Received)),
            ("zk_watch_count", Num(f.DataWatches)),
            ("zk_min_latency", Num(statistics.MinLatencyMs)),
            ("zk_max_latency", Num(statistics.MaxLatencyMs)),
            ("zk_approximate_data_size", Num(f.DataSize)),
            ("zk_open_file_descriptor_count", Num(OpenFileDescriptors())),
            ("zk_max_file_descriptor_count", "1048576"),
            ("zk_uptime", Num((long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds)),
        };

        return string.Concat(lines.Select(l => $"{l.Key}\t{l.Value}\n"));
    }

    private string WatchSummary()
    {
        var f = replica.Figures();
        return $"{f.WatchingSessions} connections watching {f.WatchedPaths} paths\nTotal watches:{f.DataWatches}\n";
    }

    private async Task<string> ModeAsync()
    {
        if (!contact.InTouch)
        {
            return "read-only";
        }

        var activeSilos = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        if (activeSilos <= 1)
        {
            return "standalone";
        }

        try
        {
            var status = await grains.GetGrain<IAtomicBroadcastGrain>(0).GetStatus().WaitAsync(TimeSpan.FromSeconds(2));
            return status.Silo == silo.SiloAddress.ToString() ? "leader" : "follower";
        }
        catch (Exception)
        {
            // No leader reachable right now: ZooKeeper reports an unelected server the same way.
            return "looking";
        }
    }

    private static long OpenFileDescriptors()
    {
        try
        {
            return Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount();
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
