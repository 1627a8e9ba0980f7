using CoordinationService.Client;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoordinationClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers an Orleans client (the gateways of a cluster-mode deployment when
    /// <see cref="CoordinationClientOptions.ConnectionString"/> is set, else the static
    /// <see cref="CoordinationClientOptions.Gateways"/>, else localhost clustering on <see cref="CoordinationClientOptions.GatewayPort"/>) and one <see cref="CoordinationClient"/>
    /// session, opened when the host starts. Calling it again only adds <paramref name="configure"/>.
    /// Not for a process that also hosts a silo: there, connect with the silo's IGrainFactory.
    /// </summary>
    public static IServiceCollection AddCoordinationClient(this IServiceCollection services, Action<CoordinationClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        if (services.Any(d => d.ServiceType == typeof(CoordinationClientHost)))
        {
            return services;
        }

        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<CoordinationClientOptions>, CoordinationClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Gateways must be known while the Orleans client is built, before options can be resolved.
        var gateways = new CoordinationClientOptions();
        configure(gateways);
        services.AddOrleansClient(client =>
        {
            if (gateways.ConnectionString is null && gateways.Gateways.Count == 0)
            {
                client.UseLocalhostClustering(gateways.GatewayPort, gateways.ServiceId, gateways.ClusterId);
                return;
            }

            if (gateways.ConnectionString is { } connectionString)
            {
                client.UsePostgresClustering(connectionString);
            }
            else
            {
                client.UseStaticClustering([.. gateways.Gateways]);
            }

            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = gateways.ClusterId;
                o.ServiceId = gateways.ServiceId;
            });
        });

        // Registered after the Orleans client, so the host starts it first.
        services.AddSingleton<CoordinationClientHost>();
        services.AddHostedService(sp => sp.GetRequiredService<CoordinationClientHost>());
        services.AddSingleton(sp => sp.GetRequiredService<CoordinationClientHost>().Client);
        return services;
    }
}
