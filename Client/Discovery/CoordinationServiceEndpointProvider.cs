using System.Net;
using CoordinationService.Client.Recipes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace CoordinationService.Client.Discovery;

/// <summary>
/// Resolves one service name (<c>http://orders</c> asks for "orders") to the instances registered in
/// the registry, and hands Microsoft.Extensions.ServiceDiscovery a change token that fires on the next
/// change of membership or when the session ends, so the resolver refreshes at once instead of polling.
/// </summary>
internal sealed partial class CoordinationServiceEndpointProvider(
    ServiceEndpointQuery query,
    Func<CancellationToken, Task<CoordinationClient>> clientSource,
    ServiceRegistryOptions options,
    ILogger<CoordinationServiceEndpointProvider> logger) : IServiceEndpointProvider
{
    private readonly Lock _lock = new();
    private SessionEndListener? _session;

    public async ValueTask PopulateAsync(IServiceEndpointBuilder endpoints, CancellationToken cancellationToken)
    {
        if (endpoints.Endpoints.Count != 0)
        {
            // An earlier provider (configuration, for an override) has answered.
            return;
        }

        var client = await clientSource(cancellationToken).ConfigureAwait(false);
        var registry = new ServiceRegistry(client, options);
        var changed = new WatchSignal();
        var instances = await InstanceReader.ReadAsync(client, registry.ServicePath(query.ServiceName), changed, cancellationToken).ConfigureAwait(false);
        endpoints.AddChangeToken(ChangeTokenFor(client, changed));
        foreach (var instance in instances)
        {
            var endpoint = ServiceEndpoint.Create(IPAddress.TryParse(instance.Address, out var ip)
                ? new IPEndPoint(ip, instance.Port)
                : new DnsEndPoint(instance.Address, instance.Port));
            endpoint.Features.Set<IServiceEndpointProvider>(this);
            endpoints.Endpoints.Add(endpoint);
        }

        LogResolved(logger, query.ServiceName, instances.Count);
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _session?.Dispose();
            _session = null;
        }

        return ValueTask.CompletedTask;
    }

    public override string ToString() => "Coordination registry";

    private CancellationChangeToken ChangeTokenFor(CoordinationClient client, WatchSignal changed)
    {
        SessionEndListener session;
        lock (_lock)
        {
            _session ??= new SessionEndListener(client);
            session = _session;
        }

        var expired = new CancellationTokenSource();
        var sessionEnded = session.Ended.Register(static state => ((CancellationTokenSource)state!).Cancel(), expired);
        _ = changed.Fired.ContinueWith(
            static (_, state) =>
            {
                var (source, registration) = ((CancellationTokenSource, CancellationTokenRegistration))state!;
                registration.Dispose();
                source.Cancel();
            },
            (expired, sessionEnded),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return new CancellationChangeToken(expired.Token);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Service '{Service}' resolved to {Count} registered instance(s)")]
    private static partial void LogResolved(ILogger logger, string service, int count);
}
