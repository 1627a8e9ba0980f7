using System.Diagnostics.CodeAnalysis;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.ServiceDiscovery;

namespace CoordinationService.Client.Discovery;

/// <summary>Offers the registry for every service name; an empty registry adds no endpoint, leaving the
/// name to the providers after it (Microsoft.Extensions.ServiceDiscovery runs pass-through last).</summary>
internal sealed class CoordinationServiceEndpointProviderFactory(
    IServiceProvider services,
    IOptions<ServiceRegistryOptions> options,
    ILogger<CoordinationServiceEndpointProvider> logger) : IServiceEndpointProviderFactory
{
    private readonly Func<CancellationToken, Task<CoordinationClient>> _client = CoordinationClientResolution.From(services);

    public bool TryCreateProvider(ServiceEndpointQuery query, [NotNullWhen(true)] out IServiceEndpointProvider? provider)
    {
        provider = new CoordinationServiceEndpointProvider(query, _client, options.Value, logger);
        return true;
    }
}
