using System.Net;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>
/// Apache ZooKeeper as a 3-server ensemble on loopback (server.N=127.0.0.1:quorumPort:electionPort),
/// each peer in its own temp directory with its myid; every peer fsyncs its own transaction log.
/// </summary>
public sealed class ZooKeeperEnsembleTarget : IReplicatedTarget
{
    private const int PeerCount = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory;
    private readonly ZooKeeperPeer[] _peers;

    private ZooKeeperEnsembleTarget(string directory, ZooKeeperPeer[] peers)
    {
        _directory = directory;
        _peers = peers;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    public TargetKind Kind => TargetKind.ZooKeeperEnsemble;

    public string Description =>
        $"Apache ZooKeeper ensemble of 3 (PIDs {string.Join(", ", _peers.Select(p => p.Pid?.ToString() ?? "-"))}), client ports {string.Join(", ", ZooKeeperEndPoints)}";

    public IReadOnlyList<IPEndPoint> ZooKeeperEndPoints => [.. _peers.Select(p => p.ClientEndPoint)];

    public static async Task<ZooKeeperEnsembleTarget> StartAsync(string jar, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("coordination-bench-ensemble-").FullName;
        var ports = FreePorts.Distinct(3 * PeerCount);
        var servers = Enumerable.Range(0, PeerCount).Select(i => $"server.{i + 1}=127.0.0.1:{ports[3 * i + 1]}:{ports[3 * i + 2]}").ToList();
        var peers = Enumerable.Range(0, PeerCount)
            .Select(i => new ZooKeeperPeer(jar, Path.Combine(directory, $"zk{i + 1}"), ports[3 * i]))
            .ToArray();
        var ensemble = new ZooKeeperEnsembleTarget(directory, peers);
        try
        {
            for (var i = 0; i < PeerCount; i++)
            {
                await peers[i].ConfigureAsync(i + 1, servers, ct);
                peers[i].Start();
            }

            foreach (var peer in peers)
            {
                await peer.WaitUntilServingAsync(ReadyTimeout, ct);
            }

            return ensemble;
        }
        catch
        {
            await ensemble.DisposeAsync();
            throw;
        }
    }

    public TimeSpan ServerCpu() => ProcessTreeCpu.Of(_peers.Select(p => p.Pid).OfType<int>());

    public Task KillAsync(int index) => _peers[index].KillAsync();

    public async Task RestartAsync(int index, CancellationToken ct)
    {
        _peers[index].Start();
        await _peers[index].WaitUntilServingAsync(ReadyTimeout, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers)
        {
            await peer.KillAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private void KillAll()
    {
        foreach (var peer in _peers)
        {
            peer.KillAsync().Wait(TimeSpan.FromSeconds(5));
        }
    }
}
