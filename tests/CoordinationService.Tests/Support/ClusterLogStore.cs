using CoordinationService.Hosting;
using CoordinationService.Tests.Log;

namespace CoordinationService.Tests.Support;

/// <summary>Where an in-process cluster keeps its log: the embedded SQLite file, or a fresh PostgreSQL database (cluster mode's store).</summary>
public abstract class ClusterLogStore
{
    public static ClusterLogStore Sqlite { get; } = new SqliteStore();

    public static ClusterLogStore Postgres(PostgresServer server) => new PostgresStore(server);

    public abstract Task<CoordinationCluster> StartAsync(short silos = 3, Action<CoordinationOptions>? configure = null);

    private sealed class SqliteStore : ClusterLogStore
    {
        public override Task<CoordinationCluster> StartAsync(short silos = 3, Action<CoordinationOptions>? configure = null) =>
            CoordinationCluster.StartAsync(silos, configure);
    }

    private sealed class PostgresStore(PostgresServer server) : ClusterLogStore
    {
        public override async Task<CoordinationCluster> StartAsync(short silos = 3, Action<CoordinationOptions>? configure = null)
        {
            var connectionString = await server.CreateDatabaseAsync();
            return await CoordinationCluster.StartAsync(silos, configure, silo => silo
                .AddPostgresTransactionLog(o => o.ConnectionString = connectionString)
                .AddPostgresGrainState(connectionString));
        }
    }
}
