using System.Diagnostics;
using System.Globalization;
using System.Text;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Log;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Faults;

/// <summary>
/// The fault test: three cluster-mode silo processes on one PostgreSQL, clients writing and reading
/// through all of them over the ZooKeeper protocol and the .NET client, and a silo killed with
/// SIGKILL ten times (the leader's at least five times), each time restarted and rejoined before
/// the next. Whatever happened, every acknowledged write is there once, in the order acknowledged,
/// the replicas agree, and no session expired.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Faults")]
public sealed class SiloKillFaultTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private const int Silos = 3;
    private const int Kills = 10;
    private const int LeaderKills = 5;
    private const int ZooKeeperClientsPerSilo = 2;
    private const int OrleansClients = 2;
    private const int SessionsPerOrleansClient = 2;

    /// <summary>Well above the failover the test measures (a few seconds at most), so no live session may expire.</summary>
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RoundPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StepBound = TimeSpan.FromSeconds(30);

    /// <summary>The whole run, kills and checks, stops here at the latest; on a quiet machine it takes a fraction of this.</summary>
    private static readonly TimeSpan HardCap = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task KillingSilosUnderLoadLosesNoAcknowledgedWriteAppliesNoneTwiceAndExpiresNoSession()
    {
        var run = Stopwatch.StartNew();
        using var cap = new CancellationTokenSource(HardCap);
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        Report($"fault test: {Silos} silos, {Kills} kills ({LeaderKills}+ of the leader's silo), session timeout {SessionTimeout.TotalSeconds:F0} s, seed {seed}");

        await using var cluster = await FaultCluster.StartAsync(await server.CreateDatabaseAsync(), Silos);
        var orleans = new List<PostgresClusterClient>();
        var clients = new List<FaultClient>();
        var failures = new List<string>();
        try
        {
            var names = Enumerable.Range(0, Silos * ZooKeeperClientsPerSilo).Select(i => $"zk{i}")
                .Concat(Enumerable.Range(0, OrleansClients * SessionsPerOrleansClient).Select(i => $"net{i}")).ToList();
            await PrepareTreeAsync(cluster, names);
            for (var i = 0; i < Silos * ZooKeeperClientsPerSilo; i++)
            {
                clients.Add(new FaultClient(await ZkFaultSession.OpenAsync($"zk{i}", cluster.ZooKeeperEndpoints, i % Silos, SessionTimeout), RoundPause));
            }

            for (var o = 0; o < OrleansClients; o++)
            {
                orleans.Add(await PostgresClusterClient.ConnectAsync(cluster.ConnectionString));
                for (var s = 0; s < SessionsPerOrleansClient; s++)
                {
                    var name = $"net{(o * SessionsPerOrleansClient) + s}";
                    clients.Add(new FaultClient(await DotNetFaultSession.OpenAsync(name, orleans[o].Client, SessionTimeout, RequestTimeout), RoundPause));
                }
            }

            using var stopClients = CancellationTokenSource.CreateLinkedTokenSource(cap.Token);
            var loops = clients.Select(c => Task.Run(() => c.RunAsync(stopClients.Token))).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2), cap.Token);

            var kills = new List<KillRecord>();
            var plan = Enumerable.Repeat(true, LeaderKills).Concat(Enumerable.Repeat(false, Kills - LeaderKills)).OrderBy(_ => random.Next()).ToList();
            foreach (var (leaderKill, number) in plan.Select((l, n) => (l, n + 1)))
            {
                var kill = await KillAndRecoverAsync(cluster, clients, number, leaderKill, random, cap.Token);
                kills.Add(kill);
                Report(kill.ToString());
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cap.Token);
            await stopClients.CancelAsync();
            await Task.WhenAll(loops).WaitAsync(StepBound);

            ReportUnavailability(kills, clients);
            foreach (var line in new[] { "Leader elected", "fenced", "Log append failed", "expired", "stepping down" }.SelectMany(cluster.LogLines).Take(60))
            {
                Report(line);
            }

            failures.AddRange(await CheckSessionsLiveAsync(clients));
            failures.AddRange(await CheckHistoriesAsync(cluster, clients));
            foreach (var client in clients.Where(c => c.Session.Ended is null))
            {
                await client.Session.CloseAsync().WaitAsync(StepBound);
            }

            var replicas = await cluster.ConvergedReplicasAsync(StepBound, cap.Token);
            Report("replicas: " + string.Join(", ", replicas.Select((r, i) => $"silo {i} at 0x{r.AppliedZxid:x} digest {r.Digest[..12]}… {r.NodeCount} nodes")));
            if (replicas.Select(r => r.Digest).Distinct().Count() != 1)
            {
                failures.Add("replicas at the same zxid report different digests: " + string.Join(", ", replicas.Select(r => $"{r.Silo}={r.Digest}")));
            }
        }
        catch (Exception)
        {
            for (var i = 0; i < Silos; i++)
            {
                Report($"silo {i}{(cluster.UnexpectedExits().Contains(i) ? " ENDED BY ITSELF" : string.Empty)}, last lines:\n{cluster.OutputOf(i, 25)}");
            }

            throw;
        }
        finally
        {
            // Where to keep every silo's log of the run, for a closer look (unset in CI: the failure message says enough).
            if (Environment.GetEnvironmentVariable("FAULT_TEST_LOGS") is { Length: > 0 } logs)
            {
                cluster.SaveOutputs(Path.Combine(logs, DateTime.Now.ToString("HHmmss", CultureInfo.InvariantCulture)));
            }

            foreach (var client in clients)
            {
                await client.Session.DisposeAsync();
            }

            foreach (var client in orleans)
            {
                await client.DisposeAsync();
            }
        }

        Report($"fault test ran {run.Elapsed.TotalSeconds:F0} s");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private async Task<KillRecord> KillAndRecoverAsync(FaultCluster cluster, List<FaultClient> clients, int number, bool leaderKill, Random random, CancellationToken cancellation)
    {
        ThrowOnUnexpectedExits(cluster);
        var (leader, before) = await cluster.LeaderAsync(StepBound, cancellation);
        var target = leaderKill ? leader : random.Next(Silos);
        var pid = await cluster.KillAsync(target);

        // Timed from when the process is gone: a write issued after that cannot have been ordered by it.
        var kill = new KillRecord(number, target, pid, target == leader, OpRecord.Now) { EpochBefore = before.Epoch };

        await WaitUntilAsync(
            () => Task.FromResult(clients.Any(c => c.FirstWriteAckedAfter(kill.KilledTicks, target) is not null)),
            cancellation, $"a write is acknowledged after kill {number} of silo {target}", cluster);
        kill.WritesUnavailable = WritePauses.FirstAcknowledged(kill, clients);
        await WaitUntilAsync(async () => await cluster.ActiveSilosAsync() == Silos - 1, cancellation, $"silo {target} is declared dead", cluster);
        kill.DeclaredDead = kill.Since(OpRecord.Now);

        foreach (var attempt in await cluster.RestartAsync())
        {
            Report($"kill {number}: a start of silo {target} failed and was repeated: {attempt}");
        }

        kill.Restarted = kill.Since(OpRecord.Now);
        var (newLeader, status) = await cluster.LeaderAsync(StepBound, cancellation);
        kill.NewLeader = newLeader;
        kill.EpochAfter = status.Epoch;
        await WaitUntilAsync(
            async () => await cluster.ActiveSilosAsync() == Silos && (await cluster.ServerStatusAsync(target)).Zxid >= status.CommittedZxid,
            cancellation, $"silo {target} is a member again and has caught up with 0x{status.CommittedZxid:x}", cluster);
        kill.CaughtUp = kill.Since(OpRecord.Now);

        // Its own clients go back to it and write through it: it serves again, as before the kill.
        var returning = clients.Where(c => c.Session.Home == target).ToList();
        returning.ForEach(c => c.ReturnHome());
        var back = OpRecord.Now;
        await WaitUntilAsync(
            () => Task.FromResult(returning.All(c => c.IsHome && c.HasWriteAckedThrough(target, back))),
            cancellation, $"the clients of silo {target} write through it again", cluster,
            () => string.Join("; ", returning.Select(c => $"{c.Name} on silo {c.Session.Server}: {string.Join(", ", c.Session.Events.TakeLast(3))}")));
        kill.Rejoined = kill.Since(OpRecord.Now);
        return kill;
    }

    private void ReportUnavailability(IReadOnlyList<KillRecord> kills, IReadOnlyList<FaultClient> clients)
    {
        foreach (var kill in kills)
        {
            kill.LongestWritePause = WritePauses.Longest(kill, clients);
            Report($"kill {kill.Number,2}: {(kill.WasLeader ? "leader's silo" : "other silo  ")} first write acknowledged after {KillRecord.Ms(WritePauses.FirstAcknowledged(kill, clients))}, " +
                $"longest pause of writes until it rejoined {KillRecord.Ms(kill.LongestWritePause)}{(kill.EpochAfter != kill.EpochBefore ? $", leader re-elected (epoch {kill.EpochBefore} -> {kill.EpochAfter})" : string.Empty)}");
        }

        Summarise("writes unavailable after a kill (first write acknowledged after it)", kills, k => WritePauses.FirstAcknowledged(k, clients));
        Summarise("longest pause of writes from a kill until the silo rejoined", kills, k => k.LongestWritePause!.Value);
        foreach (var client in clients)
        {
            var ops = client.Ops;
            Report($"{client.Name}: {ops.Count(o => o.IsWrite && o.Result.Outcome == Outcome.Acked)} writes acknowledged, " +
                $"{ops.Count(o => o.IsWrite && o.Result.Outcome == Outcome.Unknown)} unknown, {ops.Count(o => o.Result.Outcome == Outcome.Refused)} refused, " +
                $"{ops.Count(o => o.Kind == OpKind.Get && o.Result.Outcome == Outcome.Acked)} reads; " + string.Join("; ", client.Session.Events.TakeLast(12)));
            foreach (var odd in ops.Where(o => o.Result.Detail?.StartsWith("unexpected", StringComparison.Ordinal) == true).Take(3))
            {
                Report($"  {client.Name} op {odd.Seq}: {odd.Result.Detail}");
            }
        }
    }

    private void Summarise(string what, IReadOnlyList<KillRecord> kills, Func<KillRecord, TimeSpan> figure)
    {
        var all = kills.Select(figure).ToList();
        var leader = kills.Where(k => k.WasLeader).Select(figure).ToList();
        Report($"{what}: max {KillRecord.Ms(all.Max())}, median {KillRecord.Ms(KillRecord.Median(all))} over {all.Count} kills; " +
            $"the {leader.Count} kills of the leader's silo: max {KillRecord.Ms(leader.Max())}, median {KillRecord.Ms(KillRecord.Median(leader))}");
    }

    /// <summary>Every session still answers: those whose silo died resumed elsewhere, the others never noticed.</summary>
    private static async Task<IReadOnlyList<string>> CheckSessionsLiveAsync(IReadOnlyList<FaultClient> clients)
    {
        var failures = new List<string>();
        foreach (var client in clients)
        {
            if (client.Session.Ended is null)
            {
                await client.Session.PrepareAsync(false, CancellationToken.None).WaitAsync(StepBound);
                var read = client.Session.Ended is null ? await client.Session.GetDataAsync(client.Register).WaitAsync(StepBound) : default;
                if (client.Session.Ended is null && read.Outcome != Outcome.Acked)
                {
                    failures.Add($"{client.Name}: the session's last read came back {read.Outcome} ({read.Detail})");
                }
            }

            if (client.Session.Ended is { } ended)
            {
                failures.Add($"{client.Name} (home silo {client.Session.Home?.ToString(CultureInfo.InvariantCulture) ?? "chosen by Orleans"}): session ended: {ended}; " +
                    string.Join("; ", client.Session.Events));
            }
        }

        return failures;
    }

    private async Task<IReadOnlyList<string>> CheckHistoriesAsync(FaultCluster cluster, IReadOnlyList<FaultClient> clients)
    {
        var failures = new List<string>();
        await using var session = await ZkWireSession.OpenAsync(cluster.ZooKeeperEndpoints, 0, SessionTimeout);
        var reader = new FinalTreeReader(session);
        await reader.SyncAsync();
        foreach (var client in clients)
        {
            var verdict = HistoryCheck.Verify(client.Name, client.Ops, await reader.NodesUnderAsync(client.Parent), await reader.RegisterAsync(client.Register));
            Report($"{client.Name}: {verdict.AckedWrites} acknowledged writes checked, {verdict.UnknownWrites} unknown ({verdict.UnknownCreatesPresent} of those creates present), " +
                $"{verdict.Violations.Count} violations");
            failures.AddRange(verdict.Violations.Take(20).Select(v => $"{client.Name}: {v}"));
        }

        await session.CloseAsync();
        return failures;
    }

    private static async Task PrepareTreeAsync(FaultCluster cluster, IReadOnlyList<string> clients)
    {
        await using var session = await ZkWireSession.OpenAsync(cluster.ZooKeeperEndpoints, 0, SessionTimeout);
        var paths = new[] { "/faults", "/faults-registers" }.Concat(clients.SelectMany(c => new[] { $"/faults/{c}", $"/faults-registers/{c}" }));
        foreach (var path in paths)
        {
            var reply = await session.CallAsync(OpCode.Create, new CreateRequest(path, [], AclEntry.OpenUnsafe, (int)CreateMode.Persistent));
            Assert.Equal(ResultCode.Ok, (ResultCode)reply.Err);
        }

        await session.CloseAsync();
    }

    private static async Task WaitUntilAsync(
        Func<Task<bool>> condition, CancellationToken cancellation, string what, FaultCluster cluster, Func<string>? describe = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ThrowOnUnexpectedExits(cluster);
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not Xunit.Sdk.XunitException)
            {
                // A silo or the leader is moving: ask again.
            }

            if (deadline.Elapsed > StepBound || cancellation.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {deadline.Elapsed.TotalSeconds:F0} s until {what}" +
                    (cancellation.IsCancellationRequested ? $" (the run reached its {HardCap.TotalMinutes:F0} min cap)" : string.Empty) +
                    (describe is null ? string.Empty : ": " + describe()));
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static void ThrowOnUnexpectedExits(FaultCluster cluster)
    {
        foreach (var silo in cluster.UnexpectedExits())
        {
            throw new InvalidOperationException($"silo {silo} ended though the test did not kill it:\n{cluster.OutputOf(silo, 40)}");
        }
    }

    private void Report(string line)
    {
        var stamped = $"{DateTime.Now:HH:mm:ss.fff} {line}";
        output.WriteLine(stamped);
        Console.WriteLine("[faults] " + stamped);
    }
}
