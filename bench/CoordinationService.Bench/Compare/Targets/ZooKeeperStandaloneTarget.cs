using System.Net;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>Apache ZooKeeper standalone (ZooKeeperServerMain), as the <c>zk --zookeeper-jar</c> mode starts it.</summary>
public sealed class ZooKeeperStandaloneTarget : IComparisonTarget
{
    private readonly ZooKeeperServerLauncher _server;

    private ZooKeeperStandaloneTarget(ZooKeeperServerLauncher server) => _server = server;

    public TargetKind Kind => TargetKind.ZooKeeperStandalone;

    public string Description => $"Apache ZooKeeper standalone (PID {_server.Pid}), client port {_server.ClientEndPoint}";

    public IReadOnlyList<IPEndPoint> ZooKeeperEndPoints => [_server.ClientEndPoint];

    public static async Task<ZooKeeperStandaloneTarget> StartAsync(string jar, CancellationToken ct) =>
        new(await ZooKeeperServerLauncher.StartAsync(jar, ct));

    public TimeSpan ServerCpu() => _server.CpuTime;

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
