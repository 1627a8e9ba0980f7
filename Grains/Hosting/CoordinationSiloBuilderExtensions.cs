using CoordinationService.Grains;
using Orleans.Storage;
using CoordinationService.Front;
using CoordinationService.Log;
using CoordinationService.Operations;
using CoordinationService.Replicas;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoordinationService.Hosting;

public static class CoordinationSiloBuilderExtensions
{
    /// <summary>
    /// Adds the coordination service to a silo: the leader grain, this silo's replica, session hub,
    /// write forwarder and front door, and the embedded SQLite log under DataDirectory unless an
    /// <see cref="ITransactionLog"/> is registered already. Safe to call more than once.
    /// </summary>
    public static ISiloBuilder AddCoordinationService(this ISiloBuilder builder, Action<CoordinationOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddValidatedOptions<CoordinationOptions, CoordinationOptionsValidator>(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITransactionLog>(CreateEmbeddedLog);
        services.TryAddSingleton<SessionHub>();
        services.TryAddSingleton<Replica>();
        services.TryAddSingleton<LeaderContact>();
        services.TryAddSingleton<ReplicaFeed>();
        services.TryAddSingleton<WriteForwarder>();
        services.TryAddSingleton<SessionFrontDoor>();
        services.TryAddSingleton<SessionKeepAlive>();
        services.TryAddSingleton<CoordinationSiloLifecycle>();
        services.AddMetrics();
        services.TryAddSingleton<CoordinationMetrics>();
        if (!services.Any(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, EnsembleRecord.StorageName)))
        {
            // One silo, and the log's epoch is the authority: the record is rebuilt by every leader that starts.
            builder.AddMemoryGrainStorage(EnsembleRecord.StorageName);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, CoordinationSiloLifecycle>(
            sp => sp.GetRequiredService<CoordinationSiloLifecycle>()));
        return builder;
    }

    private static ITransactionLog CreateEmbeddedLog(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CoordinationOptions>>().Value;
        var directory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(directory);
        var logOptions = new SqliteTransactionLogOptions { DatabasePath = Path.Combine(directory, "coordination.db") };

        // Resolved once while the silo starts, before any grain runs: opening synchronously here
        // blocks no scheduler, and a log that cannot open should stop the start-up right away.
        return SqliteTransactionLog.OpenAsync(logOptions, CancellationToken.None).GetAwaiter().GetResult();
    }
}
