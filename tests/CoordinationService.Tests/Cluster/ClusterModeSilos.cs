using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Cluster;

/// <summary>Silo processes in cluster mode: one PostgreSQL database for membership and log, each silo its own ports.</summary>
internal sealed class ClusterModeSilos : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SiloProcess?[] _silos;

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Further environment settings of every silo, beside the connection string.</param>
    public ClusterModeSilos(string connectionString, int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        SiloPorts = [.. Enumerable.Range(0, count).Select(_ => FreePort.Next())];
        GatewayPorts = [.. Enumerable.Range(0, count).Select(_ => FreePort.Next())];
        ZooKeeperPorts = [.. Enumerable.Range(0, count).Select(_ => FreePort.Next())];
        _silos = new SiloProcess?[count];
    }

    public string ConnectionString { get; }

    public int[] SiloPorts { get; }

    public int[] GatewayPorts { get; }

    /// <summary>Each silo's ZooKeeper client port, the same across restarts, as an operator's configuration keeps it.</summary>
    public int[] ZooKeeperPorts { get; }

    /// <summary>Started and not exited (a silo that learns it was declared dead ends its own process).</summary>
    public bool IsRunning(int index) => _silos[index] is { HasExited: false };

    public SiloProcess Silo(int index) => _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");

    /// <summary>Starts every silo that is not running, one after another, as an operator would.</summary>
    public async Task StartAllAsync()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            var dataDirectory = Path.Combine(_directory.Path, $"silo{i}");
            Directory.CreateDirectory(dataDirectory);
            _silos[i] ??= await SiloProcess.StartAsync(dataDirectory, SiloPorts[i], GatewayPorts[i], new Dictionary<string, string>(_settings)
            {
                ["Coordination__ConnectionString"] = ConnectionString,
            }, ZooKeeperPorts[i]);
        }
    }

    /// <summary>The silo whose SiloAddress ("S127.0.0.1:port:generation") the leader status names.</summary>
    public int IndexOf(string siloAddress) => Array.FindIndex(SiloPorts, p => siloAddress.Contains($":{p}:", StringComparison.Ordinal));

    public async Task KillAsync(int index)
    {
        await Silo(index).KillAsync();
        await Silo(index).DisposeAsync();
        _silos[index] = null;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < _silos.Length; i++)
        {
            if (_silos[i] is not null)
            {
                await KillAsync(i);
            }
        }

        _directory.Dispose();
    }
}
