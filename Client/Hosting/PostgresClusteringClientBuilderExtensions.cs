using CoordinationService.Client.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Messaging;

namespace Orleans.Hosting;

public static class PostgresClusteringClientBuilderExtensions
{
    /// <summary>
    /// An Orleans client of a cluster-mode deployment: it connects to the Active silos listed in
    /// the membership table in the PostgreSQL database at <paramref name="connectionString"/>.
    /// Set <c>ClusterOptions</c> to the silos' ClusterId and ServiceId as well.
    /// </summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.Configure<PostgresGatewayListOptions>(o => o.ConnectionString = connectionString);
        // As Orleans' own clustering providers: the client's gateway manager resolves this singleton.
        builder.Services.Replace(ServiceDescriptor.Singleton<IGatewayListProvider, PostgresGatewayListProvider>());
        return builder;
    }
}
