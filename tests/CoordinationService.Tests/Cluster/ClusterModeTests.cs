using System.Diagnostics;
using System.Text;
using CoordinationService.Client;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Cluster;

/// <summary>Three silo processes in cluster mode on one throwaway PostgreSQL database, as the README runs them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterModeTests(PostgresServer server, ITestOutputHelper output) : IClassFixture<PostgresServer>
{
    private static readonly TimeSpan WriteUnavailabilityBound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task AWriteThroughOneSiloIsReadThroughAnotherAndSurvivesKillingTheLeadersSilo()
    {
        await using var silos = new ClusterModeSilos(await server.CreateDatabaseAsync(), 3);
        await silos.StartAllAsync();

        await using (var first = await ExternalClient.ConnectAsync(silos.GatewayPorts[0]))
        await using (var third = await ExternalClient.ConnectAsync(silos.GatewayPorts[2]))
        {
            var writer = await RawSession.OpenAsync(first.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            Assert.Equal(ResultCode.Ok, (await writer.RunAsync(Make.Create("/shared", "from silo 1"))).Code);
            var reader = await RawSession.OpenAsync(third.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            var read = await reader.RunAsync(new SyncRequest("/shared"));
            Assert.Equal(ResultCode.Ok, read.Code);
            var data = await reader.RunAsync(new GetDataRequest("/shared"));
            Assert.Equal("from silo 1", Encoding.UTF8.GetString(((DataResult)data.Result!).Data));
        }

        // The .NET client's switch: the same connection string finds the gateways in the membership table.
        await ReadWithTheDotNetClientAsync(silos.ConnectionString, "/shared", "from silo 1");

        var leader = silos.IndexOf((await StatusThroughAsync(silos.GatewayPorts[0])).Silo);
        Assert.True(leader >= 0, "the leader runs on one of the three silos");
        var survivor = (leader + 1) % 3;
        await using var client = await ExternalClient.ConnectAsync(silos.GatewayPorts[survivor]);
        var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 60_000);
        await session.RunAsync(Make.Create("/acked"));
        var acknowledged = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(ResultCode.Ok, (await session.RunAsync(Make.Create($"/acked/n{i:D3}"))).Code);
            acknowledged.Add($"n{i:D3}");
        }

        var management = client.Client.GetGrain<IManagementGrain>(0);
        var clock = Stopwatch.StartNew();
        await silos.KillAsync(leader);
        var declaredDead = MeasureAsync(clock, async () => (await management.GetHosts(onlyActive: true)).Count == 2);
        var next = acknowledged.Count;
        var writable = MeasureAsync(clock, async () =>
        {
            var reply = await session.RunAsync(Make.Create($"/acked/n{next:D3}"));
            if (reply.Code == ResultCode.NodeExists)
            {
                next++; // an attempt whose reply was lost did commit: ConnectionLoss means "unknown"
            }

            if (reply.Code != ResultCode.Ok)
            {
                return false;
            }

            acknowledged.Add($"n{next++:D3}");
            return true;
        });
        output.WriteLine($"killed silo declared dead after {(await declaredDead).TotalSeconds:F1} s");
        var unavailable = await writable;
        output.WriteLine($"writes through a survivor succeeded again after {unavailable.TotalSeconds:F1} s");
        Assert.True(unavailable < WriteUnavailabilityBound, $"writes were unavailable for {unavailable}");

        var children = ((ChildrenResult)(await session.RunAsync(new GetChildrenRequest("/acked"))).Result!).Children;
        Assert.All(acknowledged, name => Assert.Contains(name, children));
        var after = await client.Client.GetGrain<IAtomicBroadcastGrain>(0).GetStatus();
        Assert.NotEqual(leader, silos.IndexOf(after.Silo));

        // The new leader claimed the ensemble record (kept in PostgreSQL) for its own, newer epoch.
        var record = await client.Client.GetGrain<IAtomicBroadcastGrain>(0).GetEnsembleRecord();
        Assert.Equal(after.Epoch, record.Epoch);
        Assert.Equal(after.Silo, record.Leader);
        Assert.True(record.Elections >= 2, $"elections recorded: {record.Elections}");
    }

    [Fact]
    public async Task RestartingTheWholeClusterKeepsEveryAcknowledgedWrite()
    {
        await using var silos = new ClusterModeSilos(await server.CreateDatabaseAsync(), 3);
        await silos.StartAllAsync();
        var written = new Dictionary<string, Stat>();
        await using (var client = await ExternalClient.ConnectAsync(silos.GatewayPorts[0]))
        {
            var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            var replies = await session.ExecuteAsync([.. Enumerable.Range(0, 40).Select(n => (ClientRequest)Make.Create($"/n{n:D3}", $"value {n}"))]);
            foreach (var reply in replies)
            {
                Assert.Equal(ResultCode.Ok, reply.Code);
                var created = (CreateResult)reply.Result!;
                written[created.Path] = created.Stat;
            }
        }

        for (var i = 0; i < 3; i++)
        {
            await silos.KillAsync(i);
        }

        await silos.StartAllAsync();
        await using (var client = await ExternalClient.ConnectAsync(silos.GatewayPorts[2]))
        {
            var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            var replies = await session.ExecuteAsync([.. written.Keys.Select(p => (ClientRequest)new GetDataRequest(p))]);
            foreach (var (path, reply) in written.Keys.Zip(replies))
            {
                Assert.Equal(ResultCode.Ok, reply.Code);
                Assert.Equal(written[path], ((DataResult)reply.Result!).Stat);
            }
        }
    }

    private static async Task<LeaderStatus> StatusThroughAsync(int gatewayPort)
    {
        await using var client = await ExternalClient.ConnectAsync(gatewayPort);
        return await client.Client.GetGrain<IAtomicBroadcastGrain>(0).GetStatus();
    }

    private static async Task ReadWithTheDotNetClientAsync(string connectionString, string path, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCoordinationClient(o => o.ConnectionString = connectionString);
        using var app = builder.Build();
        await app.StartAsync();
        try
        {
            var node = await app.Services.GetRequiredService<CoordinationClient>().GetDataAsync(path);
            Assert.Equal(expected, Encoding.UTF8.GetString(node.Data));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Time from the clock's start until the condition holds; a failing call counts as "not yet".</summary>
    private static async Task<TimeSpan> MeasureAsync(Stopwatch clock, Func<Task<bool>> condition)
    {
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await condition();
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the cluster recovers");
        return clock.Elapsed;
    }
}
