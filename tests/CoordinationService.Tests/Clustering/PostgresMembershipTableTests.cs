using System.Net;
using CoordinationService.Client.Clustering;
using CoordinationService.Clustering;
using CoordinationService.Tests.Log;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace CoordinationService.Tests.Clustering;

/// <summary>The membership table's contract with Orleans, against a real PostgreSQL: every change is conditional on what the writer read.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresServer server)
{
    private static readonly DateTime Start = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public async Task AnInitialisedTableIsEmptyAtVersionZero()
    {
        var table = await OpenAsync();
        var data = await table.ReadAll();
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task InsertSucceedsOnceAtTheVersionRead()
    {
        var table = await OpenAsync();
        var read = await table.ReadAll();
        Assert.True(await table.InsertRow(Entry(1), read.Version.Next()));
        // The same table version again: another writer already moved it.
        Assert.False(await table.InsertRow(Entry(2), read.Version.Next()));

        var after = await table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        var (entry, _) = Assert.Single(after.Members);
        Assert.Equal(Entry(1).SiloAddress, entry.SiloAddress);
        Assert.Equal(SiloStatus.Joining, entry.Status);
        Assert.Equal(Start, entry.StartTime);
        Assert.Equal(DateTimeKind.Utc, entry.IAmAliveTime.Kind);
    }

    [Fact]
    public async Task AnExistingRowIsNotInsertedAgainAndTheVersionStays()
    {
        var table = await OpenAsync();
        Assert.True(await table.InsertRow(Entry(1), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadAll();
        Assert.False(await table.InsertRow(Entry(1), read.Version.Next()));
        Assert.Equal(read.Version, (await table.ReadAll()).Version);
    }

    [Fact]
    public async Task UpdateNeedsBothTheRowEtagAndTheTableVersion()
    {
        var table = await OpenAsync();
        Assert.True(await table.InsertRow(Entry(1), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadRow(Entry(1).SiloAddress);
        var (entry, etag) = Assert.Single(read.Members);
        var suspector = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 5002), 7);
        entry.Status = SiloStatus.Active;
        entry.AddOrUpdateSuspector(suspector, Start.AddSeconds(3), maxVotes: 2);

        Assert.False(await table.UpdateRow(entry, etag + "1", read.Version.Next()));
        Assert.True(await table.UpdateRow(entry, etag, read.Version.Next()));
        // Both conditions are now stale: the row's etag and the table version moved together.
        Assert.False(await table.UpdateRow(entry, etag, read.Version.Next().Next()));
        var latest = await table.ReadAll();
        Assert.False(await table.UpdateRow(entry, etag, latest.Version.Next()));

        var (stored, storedEtag) = Assert.Single(latest.Members);
        Assert.NotEqual(etag, storedEtag);
        Assert.Equal(SiloStatus.Active, stored.Status);
        var vote = Assert.Single(stored.SuspectTimes!);
        Assert.Equal(suspector, vote.Item1);
        Assert.Equal(Start.AddSeconds(3), vote.Item2);
    }

    [Fact]
    public async Task ConcurrentWritersOfOneVersionHaveExactlyOneWinner()
    {
        var table = await OpenAsync();
        var read = await table.ReadAll();
        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => table.InsertRow(Entry(i), read.Version.Next())));
        Assert.Single(results, r => r);
        Assert.Single((await table.ReadAll()).Members);
    }

    [Fact]
    public async Task IAmAliveMovesNeitherTheRowEtagNorTheVersion()
    {
        var table = await OpenAsync();
        Assert.True(await table.InsertRow(Entry(1), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var entry = Entry(1);
        entry.IAmAliveTime = Start.AddMinutes(1);
        await table.UpdateIAmAlive(entry);

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Members[0].Item2, after.Members[0].Item2);
        Assert.Equal(Start.AddMinutes(1), after.Members[0].Item1.IAmAliveTime);
    }

    [Fact]
    public async Task CleanupRemovesOnlyDeadSilosSilentSinceTheDate()
    {
        var table = await OpenAsync();
        var dead = Entry(1);
        dead.Status = SiloStatus.Dead;
        var alive = Entry(2);
        alive.Status = SiloStatus.Active;
        Assert.True(await table.InsertRow(dead, (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(alive, (await table.ReadAll()).Version.Next()));

        await table.CleanupDefunctSiloEntries(Start.AddMinutes(-1));
        Assert.Equal(2, (await table.ReadAll()).Members.Count);
        await table.CleanupDefunctSiloEntries(Start.AddMinutes(1));
        var (left, _) = Assert.Single((await table.ReadAll()).Members);
        Assert.Equal(alive.SiloAddress, left.SiloAddress);
    }

    [Fact]
    public async Task DeletingTheClusterRemovesItsRowsAndVersion()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var table = await OpenAsync(connectionString);
        var other = await OpenAsync(connectionString, "other");
        Assert.True(await table.InsertRow(Entry(1), (await table.ReadAll()).Version.Next()));
        Assert.True(await other.InsertRow(Entry(1), (await other.ReadAll()).Version.Next()));

        await table.DeleteMembershipTableEntries("test");
        Assert.Empty((await table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
    }

    [Fact]
    public async Task TheGatewayListHasTheActiveSilosProxyEndpoints()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var table = await OpenAsync(connectionString);
        var active = Entry(1);
        active.Status = SiloStatus.Active;
        Assert.True(await table.InsertRow(active, (await table.ReadAll()).Version.Next()));
        Assert.True(await table.InsertRow(Entry(2), (await table.ReadAll()).Version.Next()));

        await using var gateways = new PostgresGatewayListProvider(
            Options.Create(new PostgresGatewayListOptions { ConnectionString = connectionString }),
            Options.Create(new ClusterOptions { ClusterId = "test" }),
            Options.Create(new GatewayOptions()));
        var uri = Assert.Single(await gateways.GetGateways());
        Assert.Equal(SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 6001), 1).ToGatewayUri(), uri);
    }

    [Fact]
    public async Task TheGatewayListOfADatabaseNoSiloHasUsedIsEmpty()
    {
        await using var gateways = new PostgresGatewayListProvider(
            Options.Create(new PostgresGatewayListOptions { ConnectionString = await server.CreateDatabaseAsync() }),
            Options.Create(new ClusterOptions { ClusterId = "test" }),
            Options.Create(new GatewayOptions()));
        Assert.Empty(await gateways.GetGateways());
    }

    private async Task<PostgresMembershipTable> OpenAsync(string? connectionString = null, string clusterId = "test")
    {
        var table = new PostgresMembershipTable(
            Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString ?? await server.CreateDatabaseAsync() }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }),
            NullLogger<PostgresMembershipTable>.Instance);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    private static MembershipEntry Entry(int silo) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 5000 + silo), silo),
        Status = SiloStatus.Joining,
        HostName = "host",
        SiloName = $"silo{silo}",
        ProxyPort = 6000 + silo,
        StartTime = Start,
        IAmAliveTime = Start,
    };
}
