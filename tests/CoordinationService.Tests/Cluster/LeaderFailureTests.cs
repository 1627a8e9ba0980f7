using CoordinationService.Grains;
using CoordinationService.Hosting;
using CoordinationService.Log;
using CoordinationService.Log.Postgres;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoordinationService.Tests.Cluster;

/// <summary>Run once per log store: see the sealed classes at the end of this file.</summary>
public abstract class LeaderFailureTests(ClusterLogStore store)
{
    [Fact]
    public async Task KillingTheLeadersSiloLosesNoAcknowledgedWrite()
    {
        await using var cluster = await store.StartAsync();
        var before = await cluster.GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0).GetStatus();
        var leaderIndex = Enumerable.Range(0, 3).Single(i => cluster.Silo(i).SiloAddress.ToString() == before.Silo);
        var survivorGrains = cluster.GrainsOf((leaderIndex + 1) % 3);

        var writer = await RawSession.OpenAsync(survivorGrains.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
        await writer.RunAsync(Make.Create("/acked"));
        var acknowledged = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var reply = await writer.RunAsync(Make.Create($"/acked/n{i:D3}"));
            Assert.Equal(ResultCode.Ok, reply.Code);
            acknowledged.Add($"n{i:D3}");
        }

        await cluster.Cluster.KillSiloAsync(cluster.Silo(leaderIndex));

        // Writes fail with ConnectionLoss until a new leader recovers from the log, then succeed.
        var next = 50;
        await Eventually.TrueAsync(async () =>
        {
            var reply = await writer.RunAsync(Make.Create($"/acked/n{next:D3}"));
            if (reply.Code == ResultCode.Ok)
            {
                acknowledged.Add($"n{next++:D3}");
                return true;
            }

            Assert.True(reply.Code is ResultCode.ConnectionLoss or ResultCode.NodeExists, $"unexpected {reply.Code}");
            if (reply.Code == ResultCode.NodeExists)
            {
                next++; // an earlier attempt committed although its reply was lost: ConnectionLoss means "unknown"
            }

            return false;
        }, TimeSpan.FromSeconds(60), "a new leader accepts writes");

        var children = await writer.RunAsync(new GetChildrenRequest("/acked"));
        var names = ((ChildrenResult)children.Result!).Children;
        Assert.All(acknowledged, name => Assert.Contains(name, names));

        var after = await survivorGrains.GetGrain<IAtomicBroadcastGrain>(0).GetStatus();
        Assert.True(after.Epoch > before.Epoch, "the new leader runs a newer epoch");
        Assert.NotEqual(before.Silo, after.Silo);
    }

    [Fact]
    public async Task StaleLeaderActivationCannotCommit()
    {
        await using var cluster = await store.StartAsync(silos: 1);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0), timeoutMs: 30_000);
        await session.RunAsync(Make.Create("/before"));
        var stale = await cluster.GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0).GetStatus();

        // A newer leader starts its epoch in the shared log while the current activation still runs.
        await using (var rival = await OpenRivalLogAsync(cluster))
        {
            await rival.BeginEpochAsync(CancellationToken.None);
        }

        var fenced = await session.RunAsync(Make.Create("/from-stale-leader"));
        Assert.Equal(ResultCode.ConnectionLoss, fenced.Code);

        // The stale activation stepped down; its write is nowhere, and a fresh leader carries on.
        await Eventually.TrueAsync(async () => (await session.RunAsync(new SyncRequest("/"))).Code == ResultCode.Ok,
            TimeSpan.FromSeconds(30), "a new leader answers");
        Assert.Equal(ResultCode.NoNode, (await session.RunAsync(new ExistsRequest("/from-stale-leader"))).Code);
        Assert.Equal(ResultCode.Ok, (await session.RunAsync(new ExistsRequest("/before"))).Code);
        Assert.Equal(ResultCode.Ok, (await session.RunAsync(Make.Create("/from-new-leader"))).Code);
        var fresh = await cluster.GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0).GetStatus();
        Assert.True(fresh.Epoch > stale.Epoch + 1, "the new activation's epoch is above the rival's");
    }

    /// <summary>A second handle on the store the silo's own log uses, as another silo's leader would open it.</summary>
    private static async Task<ITransactionLog> OpenRivalLogAsync(CoordinationCluster cluster)
    {
        var services = cluster.Silo(0).ServiceProvider;
        if (services.GetRequiredService<ITransactionLog>() is PostgresTransactionLog)
        {
            return await PostgresTransactionLog.OpenAsync(services.GetRequiredService<IOptions<PostgresTransactionLogOptions>>().Value, CancellationToken.None);
        }

        var dataDirectory = services.GetRequiredService<IOptions<CoordinationOptions>>().Value.DataDirectory;
        return await SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions { DatabasePath = Path.Combine(dataDirectory, "coordination.db") }, CancellationToken.None);
    }
}

[Collection(ClusterCollection.Name)]
public sealed class LeaderFailureOnSqliteTests() : LeaderFailureTests(ClusterLogStore.Sqlite);

[Collection(ClusterCollection.Name)]
public sealed class LeaderFailureOnPostgresTests(PostgresServer server) : LeaderFailureTests(ClusterLogStore.Postgres(server)), IClassFixture<PostgresServer>;
