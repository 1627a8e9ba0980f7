using System.Text;
using CoordinationService.Broadcast;
using CoordinationService.Grains;
using CoordinationService.Hosting;
using CoordinationService.Model;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Storage;

namespace CoordinationService.Tests.Cluster;

/// <summary>The ensemble record in Orleans' ADO.NET grain storage on a real PostgreSQL, with the project's own SQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EnsembleRecordTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task TheLeaderRecordsItsEpochAndSnapshotsInPostgres()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var cluster = await CoordinationCluster.StartAsync(
            silos: 1, configure: o => o.SnapshotEveryTxns = 20, configureSilo: s => s.AddPostgresGrainState(connectionString));
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0), timeoutMs: 10_000);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal(ResultCode.Ok, (await session.RunAsync(Make.Create($"/n{i}"))).Code);
        }

        var leader = cluster.GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0);
        var status = await leader.GetStatus();
        var record = await leader.GetEnsembleRecord();
        Assert.Equal(status.Epoch, record.Epoch);
        Assert.Equal(status.Silo, record.Leader);
        Assert.Equal(1, record.Elections);
        Assert.True(record.LastSnapshotZxid > 0, "a snapshot was taken after 20 txns and recorded");

        // What the provider stored: one row, one version per write (the claim and the snapshot), the record as JSON.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT version, payload FROM grain_state.states", connection);
        await using var reader = await select.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetInt32(0) >= 2);
        var json = Encoding.UTF8.GetString((byte[])reader[1]);
        Assert.Contains($"\"Epoch\":{record.Epoch}", json.Replace(" ", ""), StringComparison.Ordinal);
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task AnETagConflictWithANewerEpochIsALostRaceAndWithAnOlderOneIsWrittenAgain()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1, configureSilo: s => s.AddPostgresGrainState(connectionString));
        var storage = cluster.Silo(0).ServiceProvider.GetRequiredKeyedService<IGrainStorage>(EnsembleRecord.StorageName);
        // A string key: the provider keys rows by state name and key, so an integer key 0 would be the real leader's row.
        var grain = GrainId.Create("ensemble-race", "race-" + Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;

        // Two would-be leaders read the record before either writes it, as duplicate activations would.
        var older = new StoredGrainState<EnsembleRecord>(storage, "ensemble", grain);
        var newer = new StoredGrainState<EnsembleRecord>(storage, "ensemble", grain);
        await older.ReadStateAsync();
        await newer.ReadStateAsync();
        await new EnsembleRecordKeeper(newer).ClaimAsync(epoch: 6, "silo-b", 0, now);
        await Assert.ThrowsAsync<LeaderSteppedDownException>(() => new EnsembleRecordKeeper(older).ClaimAsync(epoch: 5, "silo-a", 0, now));

        // A third, newer still, that had not seen epoch 6 written: its epoch stands, so it writes again on the fresh version.
        var newest = new StoredGrainState<EnsembleRecord>(storage, "ensemble", grain);
        await new EnsembleRecordKeeper(newest).ClaimAsync(epoch: 7, "silo-c", 0, now);

        var final = new StoredGrainState<EnsembleRecord>(storage, "ensemble", grain);
        await final.ReadStateAsync();
        Assert.Equal(7, final.State.Epoch);
        Assert.Equal("silo-c", final.State.Leader);
        Assert.Equal(2, final.State.Elections);
    }
}
