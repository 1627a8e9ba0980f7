using System.Globalization;
using System.Net;
using CoordinationService.Grains;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Interop;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Faults;

/// <summary>
/// Three cluster-mode silo processes on one PostgreSQL database, each with its own ZooKeeper and
/// gateway ports and data directory that stay the same across kills and restarts, and the
/// questions the fault test asks of them: who leads, who is a member, how far each replica is.
/// </summary>
internal sealed class FaultCluster : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A replica's digest hashes its whole tree under its lock: tens of thousands of nodes on a busy machine take a while.</summary>
    private static readonly TimeSpan DigestTimeout = TimeSpan.FromSeconds(60);

    private readonly ClusterModeSilos _silos;
    private readonly PostgresClusterClient _control;
    private readonly bool[] _killed;
    private readonly List<(int Silo, int Pid, string Output)> _pastOutputs = [];

    private FaultCluster(ClusterModeSilos silos, PostgresClusterClient control)
    {
        _silos = silos;
        _control = control;
        _killed = new bool[silos.SiloPorts.Length];
        ZooKeeperEndpoints = [.. silos.ZooKeeperPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))];
    }

    public int Count => _silos.SiloPorts.Length;

    public string ConnectionString => _silos.ConnectionString;

    public IReadOnlyList<IPEndPoint> ZooKeeperEndpoints { get; }

    public static async Task<FaultCluster> StartAsync(string connectionString, int count)
    {
        // Timestamps on every log line, so a silo's story can be laid beside the test's.
        var silos = new ClusterModeSilos(connectionString, count, new Dictionary<string, string>
        {
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        });
        try
        {
            await silos.StartAllAsync();
            return new FaultCluster(silos, await PostgresClusterClient.ConnectAsync(connectionString));
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo the leader runs on and its status, asked through any live gateway; no answer within <paramref name="bound"/> is a stuck leader.</summary>
    public async Task<(int Index, LeaderStatus Status)> LeaderAsync(TimeSpan bound, CancellationToken cancellation)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (waited.Elapsed > bound)
            {
                throw new TimeoutException($"no leader answered for {bound.TotalSeconds:F0} s", last);
            }

            try
            {
                var status = await _control.Client.GetGrain<IAtomicBroadcastGrain>(0).GetStatus().WaitAsync(CallTimeout, cancellation);
                var index = _silos.IndexOf(status.Silo);
                if (index >= 0 && !_killed[index])
                {
                    return (index, status);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The leader is moving; ask again.
                last = e;
            }

            await Task.Delay(100, cancellation);
        }
    }

    public async Task<int> ActiveSilosAsync()
    {
        var hosts = await _control.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(CallTimeout);
        return hosts.Count;
    }

    /// <summary>SIGKILL by process id: no shutdown code runs, as in a crash.</summary>
    public async Task<int> KillAsync(int index)
    {
        var silo = _silos.Silo(index);
        var pid = silo.Pid;
        _killed[index] = true;
        await silo.KillAsync();
        _pastOutputs.Add((index, pid, silo.Output));
        await _silos.KillAsync(index);
        return pid;
    }

    /// <summary>Writes the output of every silo process of the run, the killed ones included, to files in <paramref name="directory"/>.</summary>
    public void SaveOutputs(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (silo, pid, output) in _pastOutputs.Concat(Enumerable.Range(0, Count).Where(i => !_killed[i]).Select(i => (i, _silos.Silo(i).Pid, _silos.Silo(i).Output))))
        {
            File.WriteAllText(Path.Combine(directory, $"silo{silo}-pid{pid}.log"), output);
        }
    }

    /// <summary>Lines of every silo process of the run, the killed ones included, that contain <paramref name="text"/>.</summary>
    public IEnumerable<string> LogLines(string text)
    {
        var outputs = _pastOutputs.Concat(Enumerable.Range(0, Count).Where(i => !_killed[i]).Select(i => (i, _silos.Silo(i).Pid, _silos.Silo(i).Output)));
        return outputs.SelectMany(o => o.Item3.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => $"silo {o.Item1} pid {o.Item2}: {l.Trim()}"));
    }

    /// <summary>
    /// Starts the killed silo again on its ports and data directory. A start can fail when the
    /// starting silo cannot answer the others' probes in time (a starved machine) and they declare
    /// it dead: that ends it, and it is started again, up to <see cref="StartAttempts"/> times.
    /// </summary>
    /// <returns>The failed attempts, for the report.</returns>
    public async Task<IReadOnlyList<string>> RestartAsync()
    {
        var failed = new List<string>();
        while (true)
        {
            try
            {
                await _silos.StartAllAsync();
                Array.Fill(_killed, false);
                return failed;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException && failed.Count < StartAttempts - 1)
            {
                failed.Add(string.Join(" | ", e.Message.Split('\n').Where(l => l.Contains("dead", StringComparison.OrdinalIgnoreCase)).Take(2).DefaultIfEmpty(e.Message.Split('\n')[0])));
            }
        }
    }

    /// <summary>Silos that ended though the test did not kill them (a false death declaration ends a silo, say).</summary>
    public IEnumerable<int> UnexpectedExits() =>
        Enumerable.Range(0, Count).Where(i => !_killed[i] && _silos.Silo(i).HasExited);

    public string OutputOf(int index, int lines) =>
        _killed[index] ? "(killed)" : string.Join('\n', _silos.Silo(index).Output.Split('\n').TakeLast(lines));

    /// <summary>The zxid the silo's replica has applied and its mode, from the ZooKeeper four-letter word srvr.</summary>
    public async Task<(long Zxid, string Mode)> ServerStatusAsync(int index)
    {
        var answer = await FourLetterWord.AskAsync(_silos.ZooKeeperPorts[index], "srvr");
        var lines = answer.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        return (long.Parse(lines["Zxid"].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture), lines["Mode"]);
    }

    /// <summary>
    /// Each silo's replica status once all of them have applied everything the leader committed,
    /// asked through each silo's own gateway (the front door is a local stateless worker). The zxids
    /// are watched through the cheap srvr word; the digest, which hashes the whole tree, is asked once they agree.
    /// </summary>
    public async Task<IReadOnlyList<ReplicaStatus>> ConvergedReplicasAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (_, leader) = await LeaderAsync(timeout, cancellation);
            var zxids = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i => (await ServerStatusAsync(i)).Zxid));
            if (zxids.All(z => z == leader.CommittedZxid))
            {
                var statuses = await ReplicaStatusesAsync();
                if (statuses.All(s => s.AppliedZxid == leader.CommittedZxid))
                {
                    return statuses;
                }
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"replicas did not reach the leader's 0x{leader.CommittedZxid:x}: " +
                    string.Join(", ", zxids.Select((z, i) => $"silo {i} at 0x{z:x}")));
            }

            await Task.Delay(100, cancellation);
        }
    }

    private async Task<IReadOnlyList<ReplicaStatus>> ReplicaStatusesAsync()
    {
        var statuses = new List<ReplicaStatus>();
        for (var i = 0; i < Count; i++)
        {
            await using var gateway = await ExternalClient.ConnectAsync(_silos.GatewayPorts[i]);
            var status = await gateway.Client.GetGrain<ICoordinatorGrain>(0).GetReplicaStatus().WaitAsync(DigestTimeout);
            if (_silos.IndexOf(status.Silo) != i)
            {
                throw new InvalidOperationException($"gateway {i} answered for {status.Silo}");
            }

            statuses.Add(status);
        }

        return statuses;
    }

    public async ValueTask DisposeAsync()
    {
        await _control.DisposeAsync();
        await _silos.DisposeAsync();
    }
}
