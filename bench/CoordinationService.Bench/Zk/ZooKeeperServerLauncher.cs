using System.Diagnostics;
using System.Net;

namespace CoordinationService.Bench.Zk;

/// <summary>
/// A throwaway standalone Apache ZooKeeper for comparisons: its own zoo.cfg and dataDir in a temp
/// directory, a free loopback client port (never 2181), no admin server; killed by PID on dispose.
/// </summary>
public sealed class ZooKeeperServerLauncher : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _directory;

    private ZooKeeperServerLauncher(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Pid = process.Id;
        ClientEndPoint = new IPEndPoint(IPAddress.Loopback, port);
        // Last resort when the bench dies without unwinding: never leave a ZooKeeper behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public IPEndPoint ClientEndPoint { get; }

    public int Pid { get; }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    /// <param name="jar">zookeeper.jar; Debian's carries its dependencies in its manifest's Class-Path.</param>
    public static async Task<ZooKeeperServerLauncher> StartAsync(string jar, CancellationToken ct)
    {
        var directory = Directory.CreateTempSubdirectory("coordination-bench-zk-").FullName;
        var port = FreePorts.Next();
        var config = Path.Combine(directory, "zoo.cfg");
        // Standalone with ZooKeeper's defaults otherwise (fsync on, tickTime 2 s); maxClientCnxns 0 lifts the
        // per-IP limit of 60 connections, which the sessions of one loopback bench would otherwise hit.
        await File.WriteAllLinesAsync(config, [
            "tickTime=2000",
            $"dataDir={Path.Combine(directory, "data")}",
            $"clientPort={port}",
            "clientPortAddress=127.0.0.1",
            "maxClientCnxns=0",
            "admin.enableServer=false",
            "4lw.commands.whitelist=srvr,mntr,ruok",
        ], ct);

        var process = ZooKeeperJava.Start(jar, directory, ZooKeeperJava.StandaloneMain, config);
        var server = new ZooKeeperServerLauncher(process, directory, port);
        try
        {
            await server.WaitUntilServingAsync(ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private Task WaitUntilServingAsync(CancellationToken ct) => ZooKeeperJava.WaitUntilServingAsync(ClientEndPoint, _process, ReadyTimeout, ct);

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited or disposed.
        }
    }
}
