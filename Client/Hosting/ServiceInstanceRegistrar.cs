using CoordinationService.Client.Discovery;
using Microsoft.Extensions.Hosting;

namespace CoordinationService.Client.Hosting;

/// <summary>Registers this process's instance when the host starts and deregisters it when the host stops.</summary>
internal sealed class ServiceInstanceRegistrar(
    IServiceProvider services, string serviceName, Func<IServiceProvider, ServiceInstance> instance, ServiceRegistryOptions options) : IHostedService
{
    private ServiceRegistration? _registration;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var client = await CoordinationClientResolution.From(services)(cancellationToken).ConfigureAwait(false);
        _registration = await new ServiceRegistry(client, options)
            .RegisterAsync(serviceName, instance(services), cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_registration is { } registration)
        {
            await registration.DeregisterAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
