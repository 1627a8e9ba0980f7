using System.Net;
using CoordinationService.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CoordinationService.Bench.Locks;

/// <summary>One Orleans client on the silo's gateway and the .NET sessions the lock workloads use.</summary>
public sealed class LockBenchClients : IAsyncDisposable
{
    private readonly IHost _host;

    private LockBenchClients(IHost host, IReadOnlyList<CoordinationClient> sessions)
    {
        _host = host;
        Sessions = sessions;
    }

    public IReadOnlyList<CoordinationClient> Sessions { get; }

    public static async Task<LockBenchClients> ConnectAsync(IPEndPoint gateway, int sessions, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateway)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("coordination", "coordination")));
        var host = builder.Build();
        await host.StartAsync(ct);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var clients = new List<CoordinationClient>();
        for (var i = 0; i < sessions; i++)
        {
            clients.Add(await CoordinationClient.ConnectAsync(grains, new CoordinationClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) }, ct));
        }

        return new LockBenchClients(host, clients);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in Sessions)
        {
            await session.DisposeAsync();
        }

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
