using System.Diagnostics;
using CoordinationService.Client;
using CoordinationService.Grains;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Interop;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Outage;

/// <summary>
/// PostgreSQL stopped for 10 s under load beneath three cluster-mode silo processes, then started:
/// writes fail fast with ConnectionLoss, reads go on from the replicas marked possibly stale, no
/// session expires, nothing is half-written, and the service resumes by itself.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Faults")]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WritesFailFastReadsGoOnAndTheServiceResumesByItself()
    {
        using var database = new PostgresServer();
        await using var silos = new ClusterModeSilos(await database.CreateDatabaseAsync(), 3);
        await silos.StartAllAsync();
        var connections = new List<ExternalClient>();
        var writers = new List<OutageWriter>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                connections.Add(await ExternalClient.ConnectAsync(silos.GatewayPorts[i]));
                var client = await CoordinationClient.ConnectAsync(connections[i].Client, new CoordinationClientOptions
                {
                    SessionTimeout = TimeSpan.FromSeconds(10),
                    RequestTimeout = TimeSpan.FromSeconds(20),
                });
                writers.Add(new OutageWriter(i, client));
            }

            await writers[0].Client.CreateAsync("/load", []);
            await writers[0].Client.CreateAsync("/load/pairs", []);
            foreach (var writer in writers)
            {
                await writer.Client.CreateAsync(writer.Counter, "0"u8.ToArray());
            }

            var sessions = writers.Select(w => w.Client.SessionId).ToList();
            using var stop = new CancellationTokenSource();
            var load = writers.Select(w => w.RunAsync(stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));

            database.Stop();
            var down = Stopwatch.GetTimestamp();
            await AssertEverySiloSaysAsync(silos, "ro", "isro while the database is down");
            await Task.Delay(Outage - Stopwatch.GetElapsedTime(down));
            var upInvoked = Stopwatch.GetTimestamp();
            database.Start();

            await Eventually.TrueAsync(
                () => Task.FromResult(writers.All(w => w.Writes.Any(o => o.Invoked > upInvoked && o.Result == WriteResult.Acknowledged))),
                ResumeBound,
                "every client's writes are acknowledged again after the database returned");
            var resumedAfter = Stopwatch.GetElapsedTime(upInvoked);
            await AssertEverySiloSaysAsync(silos, "rw", "isro after the database returned");
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await Task.WhenAll(load);

            Report(writers, down, upInvoked, resumedAfter);
            foreach (var writer in writers)
            {
                Assert.Empty(writer.Unexpected);
                AssertWritesFailedFastWhileDown(writer, down, upInvoked);
                AssertReadsWentOnMarkedStale(writer, down, upInvoked);
                Assert.Contains(SessionState.ConnectedReadOnly, writer.States);
                Assert.DoesNotContain(SessionState.Expired, writer.States);
                Assert.Equal(SessionState.Connected, writer.Client.State);
            }

            Assert.Equal(sessions, writers.Select(w => w.Client.SessionId));
            await AssertNothingLostOrHalfWrittenAsync(writers);
            await AssertReplicasAgreeAsync(connections, writers[0].Client);
        }
        finally
        {
            foreach (var writer in writers)
            {
                await writer.Client.DisposeAsync();
            }

            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task AssertEverySiloSaysAsync(ClusterModeSilos silos, string expected, string what)
    {
        for (var i = 0; i < 3; i++)
        {
            var port = silos.Silo(i).ZooKeeperPort;
            await Eventually.TrueAsync(async () => await FourLetterWord.AskAsync(port, "isro") == expected, TimeSpan.FromSeconds(15), $"{what} on silo {i}");
        }
    }

    private static void AssertWritesFailedFastWhileDown(OutageWriter writer, long down, long upInvoked)
    {
        // Invoked after the server had stopped and answered before it was asked to start: nothing can be durable.
        var duringOutage = writer.Writes.Where(o => o.Invoked > down && o.Completed < upInvoked).ToList();
        Assert.True(duringOutage.Count >= 3, $"client {writer.Id} attempted only {duringOutage.Count} writes during the outage");
        Assert.All(duringOutage, o => Assert.Equal(WriteResult.Unknown, o.Result));
        var slowest = duringOutage.Max(o => o.Latency);
        Assert.True(slowest < FailFast, $"client {writer.Id}: a write took {slowest.TotalMilliseconds:F0} ms to fail");
    }

    private static void AssertReadsWentOnMarkedStale(OutageWriter writer, long down, long upInvoked)
    {
        var duringOutage = writer.Reads.Where(r => r.Invoked > down && r.Completed < upInvoked).ToList();
        Assert.True(duringOutage.Count >= 3, $"client {writer.Id} read only {duringOutage.Count} times during the outage");
        Assert.Contains(duringOutage, r => r.PossiblyStale);
        var lastAcknowledged = writer.Writes.Where(o => o.Result == WriteResult.Acknowledged && o.Completed < down).Max(o => o.Step);
        Assert.All(duringOutage, r => Assert.True(r.Value >= lastAcknowledged, $"a read during the outage went back to {r.Value}"));
    }

    private static async Task AssertNothingLostOrHalfWrittenAsync(List<OutageWriter> writers)
    {
        var pairs = (await writers[0].Client.GetChildrenAsync("/load/pairs")).Names.ToHashSet();
        foreach (var writer in writers)
        {
            var outcomes = writer.Writes.ToDictionary(o => o.Step);
            foreach (var outcome in outcomes.Values)
            {
                var a = pairs.Contains(writer.PairName(outcome.Step, 'a'));
                var b = pairs.Contains(writer.PairName(outcome.Step, 'b'));
                Assert.True(a == b, $"client {writer.Id} step {outcome.Step}: half of a multi was written");
                if (outcome.Result == WriteResult.Acknowledged)
                {
                    Assert.True(a, $"client {writer.Id} step {outcome.Step} was acknowledged but is missing");
                }
                else if (outcome.Result == WriteResult.Failed)
                {
                    Assert.False(a, $"client {writer.Id} step {outcome.Step} failed but was written");
                }
            }

            var prefix = $"c{writer.Id}-";
            Assert.All(pairs.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)), p =>
                Assert.True(outcomes.ContainsKey(long.Parse(p[prefix.Length..^2])), $"{p} was never written by client {writer.Id}"));
        }
    }

    private static async Task AssertReplicasAgreeAsync(List<ExternalClient> connections, CoordinationClient client)
    {
        var committed = await connections[0].Client.GetGrain<IAtomicBroadcastGrain>(0).GetCommittedZxid();
        await Eventually.TrueAsync(async () =>
        {
            var statuses = new List<ReplicaStatus>();
            foreach (var connection in connections)
            {
                statuses.Add(await connection.Client.GetGrain<ICoordinatorGrain>(0).GetReplicaStatus());
            }

            return statuses.All(s => s.AppliedZxid >= committed && s.LeaderInTouch)
                && statuses.Select(s => (s.AppliedZxid, s.Digest)).Distinct().Count() == 1;
        }, TimeSpan.FromSeconds(20), "every replica reaches the same zxid with the same digest");
        Assert.Equal(SessionState.Connected, client.State);
    }

    private void Report(List<OutageWriter> writers, long down, long upInvoked, TimeSpan resumedAfter)
    {
        var failed = writers.SelectMany(w => w.Writes).Where(o => o.Invoked > down && o.Completed < upInvoked).ToList();
        var reads = writers.SelectMany(w => w.Reads).Where(r => r.Invoked > down && r.Completed < upInvoked).ToList();
        var latencies = failed.Select(o => o.Latency.TotalMilliseconds).Order().ToList();
        var line = $"database down {Outage.TotalSeconds:F0} s: {failed.Count} writes failed with ConnectionLoss " +
            $"(median {Median(latencies):F1} ms, max {latencies.LastOrDefault():F1} ms), {reads.Count} reads served " +
            $"({reads.Count(r => r.PossiblyStale)} marked possibly stale); writes acknowledged again {resumedAfter.TotalSeconds:F1} s after the restart began";
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static double Median(List<double> sorted) => sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}
