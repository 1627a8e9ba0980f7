using CoordinationService.Grains;
using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationService.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class LeaderFailureTests
{
    [Fact]
    public async Task KillingTheLeadersSiloLosesNoAcknowledgedWrite()
    {
        await using var cluster = await CoordinationCluster.StartAsync();
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
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0), timeoutMs: 30_000);
        await session.RunAsync(Make.Create("/before"));
        var stale = await cluster.GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0).GetStatus();

        // A newer leader starts its epoch in the shared log while the current activation still runs.
        var dataDirectory = cluster.Silo(0).ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.CoordinationOptions>>().Value.DataDirectory;
        await using (var rival = await SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions { DatabasePath = Path.Combine(dataDirectory, "coordination.db") }, CancellationToken.None))
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
}
