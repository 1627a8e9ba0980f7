using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>
/// An Orleans client of every silo's gateway (a static list: the membership table lives in the very
/// database the nemesis restarts). Its response timeout is short, so a call into a paused silo fails
/// in seconds rather than in Orleans' default 30.
/// </summary>
internal sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientHost> StartAsync(IReadOnlyList<IPEndPoint> gateways, TimeSpan responseTimeout)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering([.. gateways])
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "coordination";
                    o.ServiceId = "coordination";
                })
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = responseTimeout))
            .Build();
        await host.StartAsync();
        return new ClusterClientHost(host);
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
