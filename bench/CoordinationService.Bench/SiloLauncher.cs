using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CoordinationService.Bench;

/// <summary>
/// Starts the real Silo program (Release build) in its own process on free loopback ports and a fresh
/// temp data directory, and kills it by PID on dispose — also when the bench fails or is interrupted.
/// </summary>
public sealed class SiloLauncher : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _directory;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloLauncher(Process process, string directory, int gatewayPort, int zooKeeperPort)
    {
        _process = process;
        _directory = directory;
        Pid = process.Id;
        Gateway = new IPEndPoint(IPAddress.Loopback, gatewayPort);
        ZooKeeper = new IPEndPoint(IPAddress.Loopback, zooKeeperPort);
        // Last resort when the bench dies without unwinding: never leave a silo behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public IPEndPoint Gateway { get; }

    /// <summary>Where the silo listens for ZooKeeper-protocol clients (its own free port, never 2181).</summary>
    public IPEndPoint ZooKeeper { get; }

    /// <summary>Kept apart from the Process object, which forgets it once disposed.</summary>
    public int Pid { get; }

    /// <summary>CPU time the silo has used so far; read around a workload to see who is busy.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
        }
    }

    public static async Task<SiloLauncher> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        await EnsureBuiltAsync(ct);
        var directory = Directory.CreateTempSubdirectory("coordination-bench-").FullName;
        // Three distinct ports; the ZooKeeper one matters even when unused: its default, 2181, may
        // belong to a real ZooKeeper on this machine, and a clash would stop the silo from starting.
        var ports = new List<int>(3);
        while (ports.Count < 3)
        {
            var port = FreePort();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        var (siloPort, gatewayPort, zooKeeperPort) = (ports[0], ports[1], ports[2]);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        start.Environment["Silo__SiloPort"] = siloPort.ToString();
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString();
        start.Environment["ZooKeeper__Port"] = zooKeeperPort.ToString();
        start.Environment["ZooKeeper__BindAddress"] = "127.0.0.1";
        start.Environment["Coordination__DataDirectory"] = Path.Combine(directory, "data");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloLauncher(process, directory, gatewayPort, zooKeeperPort);
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException("The silo exited before it was ready:\n" + silo.Output));
        try
        {
            await silo._ready.Task.WaitAsync(ReadyTimeout, ct);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
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
            // A temp directory left behind is harmless; failing the bench over it is not.
        }
    }

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

    private static async Task EnsureBuiltAsync(CancellationToken ct)
    {
        if (File.Exists(RepositoryPaths.SiloAssembly))
        {
            return;
        }

        Console.WriteLine($"Building {RepositoryPaths.SiloProject} (Release)...");
        var build = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = RepositoryPaths.Root };
        foreach (var arg in new[] { "build", RepositoryPaths.SiloProject, "-c", "Release", "--nologo", "-v", "quiet" })
        {
            build.ArgumentList.Add(arg);
        }

        using var process = Process.Start(build) ?? throw new InvalidOperationException("dotnet build did not start");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0 || !File.Exists(RepositoryPaths.SiloAssembly))
        {
            throw new InvalidOperationException($"dotnet build Silo -c Release failed (exit {process.ExitCode}).");
        }
    }

    /// <summary>A loopback port nobody is using now; the OS never hands out 2181/11111/30000 from its ephemeral range here.</summary>
    internal static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port is not (2181 or 11111 or 30000))
            {
                return port;
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: only the start-up lines matter for a failure message.
            if (_output.Count < 200)
            {
                _output.Add(line);
            }
        }

        if (line.Contains("silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
