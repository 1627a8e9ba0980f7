using System.Net;
using System.Net.Sockets;
using CoordinationService.Hosting;
using CoordinationService.Log;
using CoordinationService.Log.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CoordinationService.Tests.Log;

/// <summary>What only the PostgreSQL log has: a connection string, a network and a shipped schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTransactionLogTests(PostgresServer server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InvalidOptionsAreRefusedBeforeConnecting()
    {
        string[] invalid = ["", "   ", "Host=127.0.0.1;NoSuchKeyword=1", "Database=coordination"];
        foreach (var connectionString in invalid)
        {
            await Assert.ThrowsAsync<OptionsValidationException>(
                () => PostgresTransactionLog.OpenAsync(new PostgresTransactionLogOptions { ConnectionString = connectionString }, None));
        }
    }

    [Fact]
    public async Task UnreachableServerSurfacesAsNpgsqlException()
    {
        var options = new PostgresTransactionLogOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=postgres;Timeout=5",
        };

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => PostgresTransactionLog.OpenAsync(options, None));

        Assert.IsNotType<PostgresException>(error);
    }

    [Fact]
    public async Task SilosStartingTogetherApplyEachMigrationOnce()
    {
        await using var store = await server.CreateStoreAsync();

        var logs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(store.OpenAsync)));
        await store.OpenAsync();

        var versions = await store.QueryRawAsync("SELECT version FROM schema_migrations ORDER BY version");
        Assert.Equal(PostgresMigrations.Shipped.Select(m => (object)m.Version), versions);
        Assert.Single(await store.QueryRawAsync("SELECT id FROM ensemble"));
        Assert.Equal(1, (await logs[0].BeginEpochAsync(None)).Epoch);
    }

    [Fact]
    public async Task LostConnectionDuringAppendLeavesTheBatchWholeOrAbsent()
    {
        await using var store = await server.CreateStoreAsync();
        var log = await store.OpenAsync();
        var epoch = (await log.BeginEpochAsync(None)).Epoch;
        await log.AppendWritesAsync(epoch, 3);
        var batch = SampleTxns.Writes(await log.GetLastZxidAsync(None), 64);

        // Every backend of this database is ended while the append may be in flight.
        var append = Task.Run(() => log.AppendAsync(epoch, batch, None));
        await store.ExecuteRawAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        try
        {
            await append;
        }
        catch (NpgsqlException)
        {
            // The outcome is unknown to the caller; the log itself must hold all of it or none.
        }

        // One call may still meet a connection that died idle in the pool; the log then drops them all.
        try
        {
            await log.GetLastZxidAsync(None);
        }
        catch (NpgsqlException)
        {
        }

        var stored = (await log.ReadAllAsync()).Count;
        Assert.Contains(stored, new[] { 4, 4 + batch.Count });
    }

    [Fact]
    public async Task SiloResolvesThePostgresLogInPlaceOfTheEmbeddedOne()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddCoordinationService()
            .AddPostgresTransactionLog(o => o.ConnectionString = connectionString));
        using var host = builder.Build();

        await using var log = host.Services.GetRequiredService<ITransactionLog>();

        Assert.IsType<PostgresTransactionLog>(log);
        Assert.Equal(1, (await log.BeginEpochAsync(None)).Epoch);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
