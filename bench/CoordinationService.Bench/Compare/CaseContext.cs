using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Workloads;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench.Compare;

/// <summary>What the cases share on one target: its sessions, the node set, drivers, and the .NET client once a case asks for it.</summary>
public sealed class CaseContext : IAsyncDisposable
{
    private readonly List<ZkConnection> _connections;
    private readonly Dictionary<int, BenchCluster> _dotNet = [];

    private CaseContext(IComparisonTarget target, CompareOptions options, List<ZkConnection> connections, ZkSession watcher, NodeSet nodes)
    {
        Target = target;
        Options = options;
        _connections = connections;
        Watcher = watcher;
        Nodes = nodes;
        Sessions = [.. connections.Take(options.Sessions).Select(c => new ZkSession(c))];
        Driver = new WorkloadDriver(Sessions, options.WarmUp, options.Duration, target.ServerCpu);
    }

    public IComparisonTarget Target { get; }

    public CompareOptions Options { get; }

    /// <summary>The ZooKeeper sessions, spread over the target's servers round-robin (session i on server i mod n).</summary>
    public IReadOnlyList<ZkSession> Sessions { get; }

    /// <summary>A session of its own on the second server (where there is one), for watch events that cross servers.</summary>
    public ZkSession Watcher { get; }

    public NodeSet Nodes { get; }

    /// <summary>Drives workloads closed-loop over <see cref="Sessions"/>.</summary>
    public WorkloadDriver Driver { get; }

    public static async Task<CaseContext> OpenAsync(IComparisonTarget target, CompareOptions options, CancellationToken ct)
    {
        var servers = target.ZooKeeperEndPoints;
        var connections = new List<ZkConnection>(options.Sessions + 1);
        try
        {
            for (var i = 0; i <= options.Sessions; i++)
            {
                // The last one is the watcher: on server 1 so that, on an ensemble, the event crosses servers.
                var server = i < options.Sessions ? servers[i % servers.Count] : servers[1 % servers.Count];
                connections.Add(await ZkConnection.ConnectAsync(server, ZooKeeperBenchOptions.SessionTimeout, ct));
            }

            var watcher = new ZkSession(connections[^1]);
            var nodes = await NodeSet.CreateAsync(new ZkSession(connections[0]), options.NodeCount, options.DataBytes, ct);
            return new CaseContext(target, options, connections, watcher, nodes);
        }
        catch
        {
            await CloseAsync(connections);
            throw;
        }
    }

    /// <summary>A driver over .NET-client sessions, connected on first use (our targets only).</summary>
    public Task<WorkloadDriver> DotNetDriverAsync(CancellationToken ct) => DotNetDriverAsync(Options.DotNetSessions, ct);

    /// <summary>A driver over this many .NET-client sessions of their own, connected on first use (our targets only).</summary>
    public async Task<WorkloadDriver> DotNetDriverAsync(int sessions, CancellationToken ct)
    {
        if (Target is not ISiloTarget silos)
        {
            throw new InvalidOperationException($"{Target.Kind.Title()} has no .NET client.");
        }

        if (!_dotNet.TryGetValue(sessions, out var cluster))
        {
            cluster = await BenchCluster.ConnectAsync(silos.OrleansGateways, sessions, ct);
            _dotNet[sessions] = cluster;
        }

        return new WorkloadDriver(cluster.Sessions, Options.WarmUp, Options.Duration, Target.ServerCpu);
    }

    /// <summary>Creates a persistent node under the node set's root for a case of its own (lock parents, session churn).</summary>
    public async Task<string> CreateFolderAsync(string name, CancellationToken ct)
    {
        var path = $"{Nodes.Root}/{name}";
        await Sessions[0].CreateAsync(path, [], ct);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cluster in _dotNet.Values)
        {
            await cluster.DisposeAsync();
        }

        await CloseAsync(_connections);
    }

    private static async Task CloseAsync(List<ZkConnection> connections)
    {
        foreach (var connection in connections)
        {
            try
            {
                await connection.CloseAsync();
            }
            catch (Exception ex) when (ex is ZkErrorException or ZkConnectionLostException)
            {
                // Best effort: the server is stopped next anyway.
            }

            await connection.DisposeAsync();
        }
    }
}
