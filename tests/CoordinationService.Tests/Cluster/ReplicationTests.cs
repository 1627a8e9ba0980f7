using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Cluster;

/// <summary>Run once per log store: see the sealed classes at the end of this file.</summary>
public abstract class ReplicationTests(ClusterLogStore store)
{
    [Fact]
    public async Task WriteThroughOneSiloIsReadOnAnotherRightAfterItsAck()
    {
        await using var cluster = await store.StartAsync();
        var writer = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        var created = await writer.RunAsync(Make.Create("/acked", "v1"));
        Assert.Equal(ResultCode.Ok, created.Code);

        // The same session moved to silo 3 must see its own write (it never goes back in time)...
        Assert.Equal(ResultCode.Ok, (await writer.AttachAsync(cluster.FrontDoorOf(2))).Code);
        var read = await writer.RunAsync(new GetDataRequest("/acked"));
        Assert.Equal("v1", System.Text.Encoding.UTF8.GetString(((DataResult)read.Result!).Data));

        // ...and any other session on silo 3 sees it after a sync.
        var reader = await RawSession.OpenAsync(cluster.FrontDoorOf(2));
        var replies = await reader.ExecuteAsync(new SyncRequest("/acked"), new GetDataRequest("/acked"));
        Assert.Equal(ResultCode.Ok, replies[1].Code);
        Assert.Equal(((DataResult)read.Result!).Stat, ((DataResult)replies[1].Result!).Stat);
    }

    [Fact]
    public async Task WatchRegisteredThroughOneSiloFiresForWriteThroughAnother()
    {
        await using var cluster = await store.StartAsync();
        var watcher = await RawSession.OpenAsync(cluster.FrontDoorOf(1));
        var writer = await RawSession.OpenAsync(cluster.FrontDoorOf(2));
        await writer.RunAsync(Make.Create("/watched", "a"));
        await watcher.ExecuteAsync(new SyncRequest("/watched"));
        Assert.Equal(ResultCode.Ok, (await watcher.RunAsync(new GetDataRequest("/watched", Watch: true))).Code);

        var set = await writer.RunAsync(Make.Set("/watched", "b"));

        await Eventually.TrueAsync(async () => { await watcher.PollAsync(TimeSpan.FromMilliseconds(200)); return watcher.Events.Count > 0; },
            TimeSpan.FromSeconds(10), "the watch fires");
        var evt = Assert.Single(watcher.Events);
        Assert.Equal(new WatchEventRecord(WatchEventType.NodeDataChanged, "/watched", set.Zxid), evt);
    }

    [Fact]
    public async Task TenThousandRandomOperationsLeaveEveryReplicaWithTheSameDigest()
    {
        await using var cluster = await store.StartAsync(configure: o => o.SnapshotEveryTxns = 2_500);
        var sessions = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => RawSession.OpenAsync(cluster.FrontDoorOf(i % 3), 30_000)));
        await sessions[0].RunAsync(Make.Create("/r"));

        const int OpsPerSession = 10_000 / 6 + 1;
        await Task.WhenAll(sessions.Select((session, index) => RandomWorkload.RunAsync(session, seed: index, OpsPerSession)));

        var replicas = await cluster.ConvergedReplicasAsync();
        Assert.Single(replicas.Select(r => r.Digest).Distinct());
        Assert.All(replicas, r => Assert.Equal(replicas[0].AppliedZxid, r.AppliedZxid));
        Assert.True(replicas[0].NodeCount > 10, "the workload left nodes behind");
    }
}

[Collection(ClusterCollection.Name)]
public sealed class ReplicationOnSqliteTests() : ReplicationTests(ClusterLogStore.Sqlite);

[Collection(ClusterCollection.Name)]
public sealed class ReplicationOnPostgresTests(PostgresServer server) : ReplicationTests(ClusterLogStore.Postgres(server)), IClassFixture<PostgresServer>;
