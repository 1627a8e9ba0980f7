using System.Net;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>
/// Our cluster mode as README's "Cluster mode" runs it: a throwaway PostgreSQL holding membership and
/// the log, and three silo processes joined by <c>Coordination:ConnectionString</c>, each on its own
/// ports and data directory so a killed one restarts where it was.
/// </summary>
public sealed class SiloClusterTarget : ISiloTarget, IReplicatedTarget
{
    private const int SiloCount = 3;
    private readonly PostgresLauncher _postgres;
    private readonly string _directory;
    private readonly SiloPorts[] _ports;
    private readonly SiloLauncher?[] _silos = new SiloLauncher?[SiloCount];
    private readonly Dictionary<string, string> _settings;

    private SiloClusterTarget(PostgresLauncher postgres, string directory, IReadOnlyDictionary<string, string> settings)
    {
        _postgres = postgres;
        _directory = directory;
        _ports = [.. Enumerable.Range(0, SiloCount).Select(_ => SiloPorts.Free())];
        _settings = new Dictionary<string, string>(settings) { ["Coordination__ConnectionString"] = postgres.ConnectionString };
    }

    public TargetKind Kind => TargetKind.Cluster;

    public string Description =>
        $"3 silos (PIDs {string.Join(", ", _silos.Select(s => s?.Pid.ToString() ?? "-"))}) on PostgreSQL (postmaster PID {_postgres.Pid}, port {_postgres.Port}), " +
        $"ZooKeeper ports {string.Join(", ", ZooKeeperEndPoints)}";

    public IReadOnlyList<IPEndPoint> ZooKeeperEndPoints => [.. _ports.Select(p => new IPEndPoint(IPAddress.Loopback, p.ZooKeeper))];

    public IReadOnlyList<IPEndPoint> OrleansGateways => [.. _ports.Select(p => new IPEndPoint(IPAddress.Loopback, p.Gateway))];

    public static async Task<SiloClusterTarget> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var postgres = await PostgresLauncher.StartAsync(ct);
        var cluster = new SiloClusterTarget(postgres, Directory.CreateTempSubdirectory("coordination-bench-cluster-").FullName, settings);
        try
        {
            // One after another, as an operator would: the first creates the schemas, the others join it.
            for (var i = 0; i < SiloCount; i++)
            {
                await cluster.RestartAsync(i, ct);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public TimeSpan ServerCpu() =>
        ProcessTreeCpu.Of(_silos.Where(s => s is not null).Select(s => s!.Pid).Append(_postgres.Pid));

    public async Task KillAsync(int index)
    {
        var silo = _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");
        _silos[index] = null;
        await silo.KillAsync();
        await silo.DisposeAsync();
    }

    public async Task RestartAsync(int index, CancellationToken ct)
    {
        if (_silos[index] is not null)
        {
            throw new InvalidOperationException($"Silo {index} is running.");
        }

        var directory = Path.Combine(_directory, $"silo{index}");
        Directory.CreateDirectory(directory);
        _silos[index] = await SiloLauncher.StartAsync(_settings, _ports[index], directory, ct);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = 0; i < SiloCount; i++)
        {
            if (_silos[i] is not null)
            {
                await KillAsync(i);
            }
        }

        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
