using System.Diagnostics;
using System.Net;
using CoordinationService.Grains;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Log;

namespace CoordinationService.Tests.Linearizability.Faults;

/// <summary>
/// Three silo processes in cluster mode on one throwaway PostgreSQL, and the faults the nemesis
/// injects into them. Every process touched here is one this test started, addressed by its id.
/// </summary>
internal sealed class FaultCluster : IAsyncDisposable
{
    private readonly PostgresServer _postgres;
    private readonly ClusterModeSilos _silos;
    private readonly HashSet<int> _paused = [];

    // Restarts come from the nemesis and from healing: one at a time, so a silo is never started twice.
    private readonly SemaphoreSlim _restarting = new(1, 1);

    private FaultCluster(PostgresServer postgres, ClusterModeSilos silos)
    {
        _postgres = postgres;
        _silos = silos;
    }

    public int Count => _silos.SiloPorts.Length;

    public bool PostgresRunning { get; private set; } = true;

    public IReadOnlyList<IPEndPoint> ZooKeeperEndpoints => [.. _silos.ZooKeeperPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))];

    public IReadOnlyList<IPEndPoint> GatewayEndpoints => [.. _silos.GatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))];

    public static async Task<FaultCluster> StartAsync(PostgresServer postgres, int silos = 3)
    {
        var cluster = new ClusterModeSilos(await postgres.CreateDatabaseAsync(), silos);
        try
        {
            await cluster.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new FaultCluster(postgres, cluster);
    }

    /// <summary>The silo the leader grain runs on, asked through <paramref name="grains"/>; null when no leader answers.</summary>
    public async Task<int?> LeaderAsync(IGrainFactory grains)
    {
        try
        {
            var status = await grains.GetGrain<IAtomicBroadcastGrain>(0).GetStatus().WaitAsync(TimeSpan.FromSeconds(5));
            var index = _silos.IndexOf(status.Silo);
            return index >= 0 ? index : null;
        }
        catch (Exception)
        {
            // A probe: whatever stopped the leader from answering (a timeout, an activation that failed
            // on the database), the answer is that none answered.
            return null;
        }
    }

    public bool IsRunning(int index) => _silos.IsRunning(index) && !_paused.Contains(index);

    public Task KillAsync(int index) => _silos.KillAsync(index);

    public void Pause(int index)
    {
        Signal(_silos.Silo(index).Pid, "STOP");
        _paused.Add(index);
    }

    public void Resume(int index)
    {
        if (_paused.Remove(index) && _silos.IsRunning(index))
        {
            Signal(_silos.Silo(index).Pid, "CONT");
        }
    }

    public void StopPostgres()
    {
        _postgres.Stop();
        PostgresRunning = false;
    }

    public void StartPostgres()
    {
        _postgres.Start();
        PostgresRunning = true;
    }

    /// <summary>Undoes every fault: paused silos resumed, the database up, silos that died (or ended themselves) started again.</summary>
    public async Task HealAsync()
    {
        foreach (var index in _paused.ToList())
        {
            Resume(index);
        }

        if (!PostgresRunning)
        {
            StartPostgres();
        }

        for (var i = 0; i < Count; i++)
        {
            if (!_silos.IsRunning(i))
            {
                await RestartAsync(i);
            }
        }
    }

    /// <summary>Starts a silo again: killed by the nemesis, or ended by itself after it was declared dead.</summary>
    public async Task RestartAsync(int index)
    {
        await _restarting.WaitAsync();
        try
        {
            if (_silos.IsRunning(index))
            {
                return;
            }

            try
            {
                await _silos.KillAsync(index);
            }
            catch (InvalidOperationException)
            {
                // Already gone from the list.
            }

            await _silos.StartAllAsync();
        }
        finally
        {
            _restarting.Release();
        }
    }

    public string OutputOf(int index) => _silos.IsRunning(index) ? _silos.Silo(index).Output : "(not running)";

    public async ValueTask DisposeAsync()
    {
        foreach (var index in _paused.ToList())
        {
            Resume(index);
        }

        if (!PostgresRunning)
        {
            StartPostgres();
        }

        await _silos.DisposeAsync();
        _restarting.Dispose();
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", pid.ToString() }, UseShellExecute = false })
            ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} exited with {kill.ExitCode}");
        }
    }
}
