using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoordinationService.Tests.Support;

/// <summary>An Orleans client in this process connected to a silo process's gateway, as an application would be.</summary>
public sealed class ExternalClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ExternalClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ExternalClient> ConnectAsync(int gatewayPort)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, serviceId: "coordination", clusterId: "coordination"))
            .Build();
        await host.StartAsync();
        return new ExternalClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            _host.Dispose();
        }
    }
}
