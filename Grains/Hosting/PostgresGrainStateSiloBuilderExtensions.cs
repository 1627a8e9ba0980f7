using CoordinationService.Grains;
using CoordinationService.Log.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CoordinationService.Hosting;

public static class PostgresGrainStateSiloBuilderExtensions
{
    /// <summary>
    /// Cluster mode's grain state (the ensemble record): Orleans' ADO.NET grain storage on the
    /// PostgreSQL database at <paramref name="connectionString"/>, with the project's own statements
    /// (schema <c>grain_state</c>, created by the same numbered migrations as the log's tables, run
    /// before the provider starts). Call before
    /// <see cref="CoordinationSiloBuilderExtensions.AddCoordinationService"/>, which otherwise keeps
    /// the record in memory as the embedded mode does.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainState(this ISiloBuilder builder, string connectionString)
    {
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new GrainStateSchema(connectionString));
        // The provider names its tables unqualified; the search path points them at our schema.
        var inSchema = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = "grain_state" }.ConnectionString;
        return builder.AddAdoNetGrainStorage(EnsembleRecord.StorageName, options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = inSchema;
        });
    }

    private sealed class GrainStateSchema(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        // Just before the provider reads its statements at ApplicationServices.
        private const int Stage = ServiceLifecycleStage.ApplicationServices - 1;

        public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(GrainStateSchema), Stage, ApplyAsync);

        private async Task ApplyAsync(CancellationToken cancellation)
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await PostgresMigrations.ApplyAsync(dataSource, cancellation);
        }
    }
}
