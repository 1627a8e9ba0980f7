using System.Diagnostics;

namespace CoordinationService.Tests.Support;

/// <summary>
/// The real Silo program as a user starts it, in its own process, on free ports and a data
/// directory of the test's, so a test can kill -9 it and start it again.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private SiloProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    /// <summary>Whether the process ended, by a kill or by itself.</summary>
    public bool HasExited => _process.HasExited;

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

    public int ZooKeeperPort { get; private init; }

    /// <summary>The admin HTTP port (metrics, health, web view): a free one unless the settings name it, so silos never contend for 8180.</summary>
    public int AdminPort { get; private init; }

    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort}/");

    /// <param name="zooKeeperPort">The ZooKeeper client port; a free one when not given (never 2181, so a live silo can run beside).</param>
    public static async Task<SiloProcess> StartAsync(
        string dataDirectory, int siloPort, int gatewayPort, IReadOnlyDictionary<string, string>? settings = null, int zooKeeperPort = 0)
    {
        zooKeeperPort = zooKeeperPort > 0 ? zooKeeperPort : FreePort.Next();
        // A caller that must reach the admin port while the silo starts chooses it (Admin__Port in settings).
        var adminPort = settings is not null && settings.TryGetValue("Admin__Port", out var chosen) ? int.Parse(chosen) : FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(RepositoryPaths.SiloAssembly);
        start.Environment["Silo__SiloPort"] = siloPort.ToString();
        start.Environment["Silo__GatewayPort"] = gatewayPort.ToString();
        start.Environment["ZooKeeper__Port"] = zooKeeperPort.ToString();
        start.Environment["Admin__Port"] = adminPort.ToString();
        start.Environment["Coordination__DataDirectory"] = System.IO.Path.Combine(dataDirectory, "data");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(process) { ZooKeeperPort = zooKeeperPort, AdminPort = adminPort };
        process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException("The silo exited before it was ready:\n" + silo.Output));
        try
        {
            await silo._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            // A silo that never became ready is not left running behind the test.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("silo ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
