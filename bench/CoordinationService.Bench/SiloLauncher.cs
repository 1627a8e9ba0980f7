using System.Diagnostics;
using System.Net;

namespace CoordinationService.Bench;

/// <summary>
/// Starts the real Silo program (Release build) in its own process on free loopback ports and a fresh
/// temp data directory, and kills it by PID on dispose — also when the bench fails or is interrupted.
/// </summary>
public sealed class SiloLauncher : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    /// <summary>Deleted on dispose; null when the caller owns the directory.</summary>
    private readonly string? _directory;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloLauncher(Process process, string? directory, int gatewayPort, int zooKeeperPort)
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

    public static Task<SiloLauncher> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct) =>
        StartAsync(settings, SiloPorts.Free(), directory: null, ct);

    /// <param name="ports">Fixed ports, so a silo of a cluster can be restarted where it was.</param>
    /// <param name="directory">The silo's working directory, owned by the caller (kept on dispose); null: a fresh temp directory the launcher deletes.</param>
    public static async Task<SiloLauncher> StartAsync(
        IReadOnlyDictionary<string, string> settings, SiloPorts ports, string? directory, CancellationToken ct)
    {
        await EnsureBuiltAsync(ct);
        var ownsDirectory = directory is null;
        directory ??= Directory.CreateTempSubdirectory("coordination-bench-").FullName;
        var (siloPort, gatewayPort, zooKeeperPort) = (ports.Silo, ports.Gateway, ports.ZooKeeper);

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
        start.Environment["Admin__Port"] = ports.Admin.ToString();
        start.Environment["Coordination__DataDirectory"] = Path.Combine(directory, "data");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloLauncher(process, ownsDirectory ? directory : null, gatewayPort, zooKeeperPort);
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
        await KillAsync();
        _process.Dispose();
        try
        {
            if (_directory is not null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless; failing the bench over it is not.
        }
    }

    /// <summary>SIGKILL, as a crash: no shutdown code runs in the silo.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
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
