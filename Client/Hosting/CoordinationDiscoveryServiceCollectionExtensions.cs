using CoordinationService.Client.Discovery;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.ServiceDiscovery;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoordinationDiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Resolves Microsoft.Extensions.ServiceDiscovery names through the registry: an HttpClient with base
    /// address <c>http://orders</c> and <c>.AddServiceDiscovery()</c> calls the instances registered under
    /// "orders", and follows them as they come and go. Adds the service-discovery core services too.
    /// </summary>
    public static IServiceCollection AddCoordinationServiceEndpointProvider(
        this IServiceCollection services, Action<ServiceRegistryOptions>? configure = null)
    {
        services.AddServiceDiscoveryCore();
        services.AddOptions<ServiceRegistryOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceEndpointProviderFactory, CoordinationServiceEndpointProviderFactory>());
        return services;
    }

    /// <summary>
    /// Registers this process as an instance of <paramref name="serviceName"/> when the host starts, and
    /// deregisters it when the host stops; if the process dies, the instance goes with its session.
    /// Call after <c>AddCoordinationClient</c>.
    /// </summary>
    public static IServiceCollection AddCoordinationServiceInstance(
        this IServiceCollection services,
        string serviceName,
        Func<IServiceProvider, ServiceInstance> instance,
        Action<ServiceRegistryOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(instance);
        CoordinationClientResolution.RequireClientRegistered(services, nameof(AddCoordinationServiceInstance));
        var options = new ServiceRegistryOptions();
        configure?.Invoke(options);
        // Not AddHostedService: it keeps one service per implementation type, and a process may register several instances.
        services.AddSingleton<IHostedService>(sp => new ServiceInstanceRegistrar(sp, serviceName, instance, options));
        return services;
    }
}
