using CoordinationService.Log;
using CoordinationService.Log.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Hosting;

public static class PostgresLogSiloBuilderExtensions
{
    /// <summary>
    /// Cluster mode's log: the silo keeps its transaction log and snapshots in PostgreSQL instead of
    /// the embedded SQLite file, creating the schema at start. Before or after
    /// <see cref="CoordinationSiloBuilderExtensions.AddCoordinationService"/>; safe to call more than once.
    /// </summary>
    public static ISiloBuilder AddPostgresTransactionLog(this ISiloBuilder builder, Action<PostgresTransactionLogOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PostgresTransactionLogOptions, PostgresTransactionLogOptionsValidator>(configure);
        services.TryAddSingleton(TimeProvider.System);
        // Replace, not TryAdd: the embedded log may already be registered, and this call means "not that one".
        services.Replace(ServiceDescriptor.Singleton<ITransactionLog>(OpenLog));
        return builder;
    }

    private static ITransactionLog OpenLog(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PostgresTransactionLogOptions>>().Value;
        // Resolved once while the silo starts, before any grain runs, like the embedded log: a
        // database that cannot be reached or migrated stops the start-up right away.
        return PostgresTransactionLog.OpenAsync(
            options,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<PostgresTransactionLog>>(),
            CancellationToken.None).GetAwaiter().GetResult();
    }
}
