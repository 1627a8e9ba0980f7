using CoordinationService.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;

namespace CoordinationService.Hosting;

public static class PostgresClusteringSiloBuilderExtensions
{
    /// <summary>
    /// Cluster mode's membership: the silos find each other through a table in the PostgreSQL
    /// database at <paramref name="connectionString"/> (schema <c>coordination_cluster</c>, created
    /// at start). Safe to call more than once; the last connection string wins.
    /// </summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddValidatedOptions<PostgresClusteringOptions, PostgresClusteringOptionsValidator>(o => o.ConnectionString = connectionString);
        // Orleans' own providers register IMembershipTable as a plain singleton the membership
        // service resolves; Replace so a second call does not leave two tables behind.
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable, PostgresMembershipTable>());
        return builder;
    }
}
