using System.Diagnostics;
using System.Net;
using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Zk;
using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Bench.Compare;

/// <summary>Write unavailability after a leader crash: each kill's time, and what went wrong where a kill did not recover.</summary>
public sealed record FailoverResult(IReadOnlyList<TimeSpan> Unavailable, int Errors, string? FirstError)
{
    public TimeSpan? Median
    {
        get
        {
            var sorted = Unavailable.Order().ToArray();
            return sorted.Length switch
            {
                0 => null,
                var n when n % 2 == 1 => sorted[n / 2],
                var n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
            };
        }
    }
}

/// <summary>
/// Finds the leader with srvr ("Mode: leader", which our silos answer as ZooKeeper does), SIGKILLs its
/// process, and times from the kill to the first write acknowledged through a survivor: a session
/// opened on a survivor before the kill keeps sending setData; an error reply is retried at once, a
/// dropped connection (a ZooKeeper follower closes its clients when it loses its leader) is reopened
/// on a survivor — opening a session is itself a write. Then the killed server is started again and
/// the ensemble must settle (one leader, every server answering writes) before the next kill; a server
/// that does not come back (a restarted silo that is declared dead again under CPU starvation) fails
/// that kill and ends the measurement.
/// </summary>
public static class LeaderFailover
{
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(90);

    public static async Task<FailoverResult> MeasureAsync(IReplicatedTarget target, string path, int kills, CancellationToken ct)
    {
        var times = new List<TimeSpan>();
        var errors = 0;
        string? firstError = null;
        var servers = target.ZooKeeperEndPoints;
        for (var kill = 1; kill <= kills; kill++)
        {
            try
            {
                var leader = await SettledLeaderAsync(servers, path, ct);
                var survivors = servers.Where((_, i) => i != leader).ToList();
                var writer = await ZkConnection.ConnectAsync(survivors[0], ZooKeeperBenchOptions.SessionTimeout, ct);
                try
                {
                    await ExpectWriteAsync(writer, path);
                }
                catch
                {
                    await writer.DisposeAsync();
                    throw;
                }

                var clock = Stopwatch.StartNew();
                await target.KillAsync(leader);
                var unavailable = await FirstAcknowledgedWriteAsync(writer, survivors, path, clock, ct);
                times.Add(unavailable);
                Console.WriteLine($"  {target.Kind.Title()}: kill {kill}/{kills} of the leader (server {leader + 1}): first acknowledged write after {unavailable.TotalMilliseconds:N0} ms");
                if (kill < kills)
                {
                    // After the last kill the target is stopped anyway.
                    await target.RestartAsync(leader, ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                errors++;
                firstError ??= $"{ex.GetType().Name}: {ex.Message}";
                Console.WriteLine($"  {target.Kind.Title()}: kill {kill}/{kills} failed: {ex.Message}");
                // The next kill needs every server up again; a target that cannot recover ends the measurement.
                break;
            }
        }

        return new FailoverResult(times, errors, firstError);
    }

    /// <summary>Waits until exactly one server says leader, the others follower, and each takes a write; returns the leader's index.</summary>
    private static async Task<int> SettledLeaderAsync(IReadOnlyList<IPEndPoint> servers, string path, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var modes = await Task.WhenAll(servers.Select(s => FourLetterWord.ModeAsync(s, ct)));
            var leaders = modes.Select((mode, i) => (mode, i)).Where(m => m.mode == "leader").Select(m => m.i).ToList();
            if (leaders.Count == 1 && modes.Count(m => m == "follower") == servers.Count - 1 && await EveryServerWritesAsync(servers, path, ct))
            {
                return leaders[0];
            }

            if (deadline.Elapsed > SettleDeadline)
            {
                throw new TimeoutException($"No settled leader within {SettleDeadline.TotalSeconds:0} s (modes: {string.Join(", ", modes.Select(m => m ?? "no answer"))}).");
            }

            await Task.Delay(500, ct);
        }
    }

    private static async Task<bool> EveryServerWritesAsync(IReadOnlyList<IPEndPoint> servers, string path, CancellationToken ct)
    {
        foreach (var server in servers)
        {
            try
            {
                await using var connection = await ZkConnection.ConnectAsync(server, ZooKeeperBenchOptions.SessionTimeout, ct);
                await ExpectWriteAsync(connection, path);
                await connection.CloseAsync();
            }
            catch (Exception ex) when (ex is ZkConnectionLostException or ZkErrorException or IOException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<TimeSpan> FirstAcknowledgedWriteAsync(
        ZkConnection writer, IReadOnlyList<IPEndPoint> survivors, string path, Stopwatch clock, CancellationToken ct)
    {
        ZkConnection? connection = writer;
        var reconnects = 0;
        try
        {
            while (clock.Elapsed < RecoveryDeadline)
            {
                try
                {
                    connection ??= await ZkConnection.ConnectAsync(survivors[reconnects++ % survivors.Count], ZooKeeperBenchOptions.SessionTimeout, ct);
                    var reply = await connection.SendAsync(OpCode.SetData, new SetDataRequest(path, [], -1))
                        .WaitAsync(RecoveryDeadline - clock.Elapsed, ct);
                    if (reply.Err == 0)
                    {
                        return clock.Elapsed;
                    }
                }
                catch (Exception ex) when (ex is ZkConnectionLostException or IOException or System.Net.Sockets.SocketException)
                {
                    // The session's server dropped it, or the survivor refused a new one (still electing): try a survivor again.
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                await Task.Delay(10, ct);
            }
        }
        catch (TimeoutException)
        {
            // Falls through to the failure below.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        throw new TimeoutException($"No write was acknowledged within {RecoveryDeadline.TotalSeconds:0} s of the kill.");
    }

    private static async Task ExpectWriteAsync(ZkConnection connection, string path)
    {
        var reply = await connection.SendAsync(OpCode.SetData, new SetDataRequest(path, [], -1)).WaitAsync(TimeSpan.FromSeconds(10));
        if (reply.Err != 0)
        {
            throw new ZkErrorException("setData", path, reply.Err);
        }
    }
}
