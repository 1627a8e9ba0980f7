using System.Diagnostics;
using System.Net;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>One server of a ZooKeeper ensemble: its zoo.cfg and dataDir (with its myid) in its own directory,
/// started with QuorumPeerMain; killable and restartable on the same ports and data.</summary>
public sealed class ZooKeeperPeer
{
    private readonly string _jar;
    private readonly string _directory;
    private Process? _process;

    public ZooKeeperPeer(string jar, string directory, int clientPort)
    {
        _jar = jar;
        _directory = directory;
        ClientEndPoint = new IPEndPoint(IPAddress.Loopback, clientPort);
    }

    public IPEndPoint ClientEndPoint { get; }

    public int? Pid => _process is { HasExited: false } running ? running.Id : null;

    private string Config => Path.Combine(_directory, "zoo.cfg");

    /// <summary>Writes the peer's files; <paramref name="servers"/> are every peer's server.N lines.</summary>
    public async Task ConfigureAsync(int myId, IEnumerable<string> servers, CancellationToken ct)
    {
        var data = Path.Combine(_directory, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "myid"), $"{myId}\n", ct);
        // ZooKeeper's sample configuration (tickTime 2 s, initLimit 10, syncLimit 5, fsync on) plus what a
        // loopback bench needs: no per-IP connection limit, no admin server, srvr for finding the leader.
        await File.WriteAllLinesAsync(Config, [
            "tickTime=2000",
            "initLimit=10",
            "syncLimit=5",
            $"dataDir={data}",
            $"clientPort={ClientEndPoint.Port}",
            "clientPortAddress=127.0.0.1",
            "maxClientCnxns=0",
            "admin.enableServer=false",
            "4lw.commands.whitelist=srvr,mntr,ruok",
            .. servers,
        ], ct);
    }

    public void Start()
    {
        if (Pid is not null)
        {
            throw new InvalidOperationException($"ZooKeeper at {ClientEndPoint} is running.");
        }

        _process?.Dispose();
        _process = ZooKeeperJava.Start(_jar, _directory, ZooKeeperJava.QuorumPeerMain, Config);
    }

    public Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken ct) =>
        ZooKeeperJava.WaitUntilServingAsync(ClientEndPoint, _process ?? throw new InvalidOperationException("Not started."), timeout, ct);

    /// <summary>SIGKILL, as a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }
}
