using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Cluster;

/// <summary>Run once per log store: see the sealed classes at the end of this file.</summary>
public abstract class SessionTests(ClusterLogStore store)
{
    [Fact]
    public async Task SessionExpiryDeletesAllEphemeralsInOneTxnAndFiresTheirWatches()
    {
        await using var cluster = await store.StartAsync();
        var doomed = await RawSession.OpenAsync(cluster.FrontDoorOf(0), timeoutMs: 1000);
        await doomed.ExecuteAsync(Make.Create("/e1", "", CreateMode.Ephemeral), Make.Create("/e2", "", CreateMode.Ephemeral));

        var watcher = await RawSession.OpenAsync(cluster.FrontDoorOf(1), timeoutMs: 10_000);
        await watcher.ExecuteAsync(new SyncRequest("/"), new ExistsRequest("/e1", Watch: true), new ExistsRequest("/e2", Watch: true));

        // The doomed session now says nothing more; the watcher keeps polling (its keep-alive).
        await Eventually.TrueAsync(async () => { await watcher.PollAsync(TimeSpan.FromMilliseconds(300)); return watcher.Events.Count >= 2; },
            TimeSpan.FromSeconds(15), "both ephemerals are deleted");

        Assert.Equal([WatchEventType.NodeDeleted, WatchEventType.NodeDeleted], watcher.Events.Select(e => e.Type));
        Assert.Equal(["/e1", "/e2"], watcher.Events.Select(e => e.Path).Order());
        Assert.Single(watcher.Events.Select(e => e.Zxid).Distinct());
        Assert.Equal(ResultCode.NoNode, (await watcher.RunAsync(new ExistsRequest("/e1"))).Code);

        // The doomed client's own silo learns of the expiry when its replica applies the close txn.
        await Eventually.TrueAsync(
            async () => (await doomed.FrontDoor.Execute(new SessionBatch(doomed.Id, doomed.Attachment, 0, 0, [new ExistsRequest("/e1")]))).Status == SessionStatus.Expired,
            TimeSpan.FromSeconds(10), "the expired session is told so");
        Assert.Equal(ResultCode.SessionExpired, (await doomed.AttachAsync(cluster.FrontDoorOf(2))).Code);
    }

    [Fact]
    public async Task ReconnectThroughAnotherSiloKeepsEphemeralsAndWatches()
    {
        await using var cluster = await store.StartAsync();
        var mover = await RawSession.OpenAsync(cluster.FrontDoorOf(0), timeoutMs: 10_000);
        var other = await RawSession.OpenAsync(cluster.FrontDoorOf(1), timeoutMs: 10_000);
        await other.ExecuteAsync(Make.Create("/missed", "0"), Make.Create("/later", "0"));
        await mover.ExecuteAsync(
            new SyncRequest("/"),
            Make.Create("/mine", "", CreateMode.Ephemeral),
            new GetDataRequest("/missed", Watch: true),
            new GetDataRequest("/later", Watch: true));

        // A change lands while the session is between silos...
        var missed = await other.RunAsync(Make.Set("/missed", "1"));

        // ...and the session reattaches through silo 3 with the watches its client still holds.
        var reply = await mover.AttachAsync(cluster.FrontDoorOf(2), [new WatchRegistration("/missed", WatchKind.Data), new WatchRegistration("/later", WatchKind.Data)]);
        Assert.Equal(ResultCode.Ok, reply.Code);
        var later = await other.RunAsync(Make.Set("/later", "1"));

        await Eventually.TrueAsync(async () => { await mover.PollAsync(TimeSpan.FromMilliseconds(200)); return mover.Events.Count >= 2; },
            TimeSpan.FromSeconds(10), "both watches fire on the new silo");
        Assert.Contains(mover.Events, e => e is { Type: WatchEventType.NodeDataChanged, Path: "/missed" } && e.Zxid >= missed.Zxid);
        Assert.Contains(mover.Events, e => e == new WatchEventRecord(WatchEventType.NodeDataChanged, "/later", later.Zxid));

        var mine = await mover.RunAsync(new ExistsRequest("/mine"));
        Assert.Equal(ResultCode.Ok, mine.Code);
        Assert.Equal(mover.Id.Value, ((StatResult)mine.Result!).Stat.EphemeralOwner);
    }

    [Fact]
    public async Task WrongPasswordOrUnknownSessionIsRefused()
    {
        await using var cluster = await store.StartAsync(silos: 1);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        var wrong = await cluster.FrontDoorOf(0).Attach(new AttachRequest(session.Id, new byte[16], session.LastZxidSeen, [], Guid.NewGuid()));
        Assert.Equal(ResultCode.SessionExpired, wrong.Code);
        var unknown = await cluster.FrontDoorOf(0).Attach(new AttachRequest(new SessionId(12345), session.Handshake.Password, 0, [], Guid.NewGuid()));
        Assert.Equal(ResultCode.SessionExpired, unknown.Code);

        // The real session is untouched by both attempts.
        Assert.Equal(ResultCode.Ok, (await session.RunAsync(Make.Create("/still-mine", "", CreateMode.Ephemeral))).Code);
    }
}

[Collection(ClusterCollection.Name)]
public sealed class SessionOnSqliteTests() : SessionTests(ClusterLogStore.Sqlite);

[Collection(ClusterCollection.Name)]
public sealed class SessionOnPostgresTests(PostgresServer server) : SessionTests(ClusterLogStore.Postgres(server)), IClassFixture<PostgresServer>;
