using Microsoft.Extensions.Hosting;

namespace CoordinationService.Client.Hosting;

/// <summary>Hands the host's session to configuration providers added before the host existed. It does not
/// wait for the session, so it may start before or after the service that opens it.</summary>
internal sealed class DeferredCoordinationClientActivator(IServiceProvider services, DeferredCoordinationClient deferred) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        deferred.Complete(CoordinationClientResolution.From(services)(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
