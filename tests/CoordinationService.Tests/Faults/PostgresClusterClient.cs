using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CoordinationService.Tests.Faults;

/// <summary>
/// An Orleans client of a cluster-mode deployment as an application runs it: the gateways come from
/// the membership table in PostgreSQL, so it follows silos that die and come back.
/// </summary>
internal sealed class PostgresClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresClusterClient(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<PostgresClusterClient> ConnectAsync(string connectionString)
    {
        var host = Host.CreateDefaultBuilder()
            // The client's own warnings about silos the test kills on purpose would only bury the figures.
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(client => client
                .UsePostgresClustering(connectionString)
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = "coordination";
                    o.ServiceId = "coordination";
                }))
            .Build();
        await host.StartAsync();
        return new PostgresClusterClient(host);
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
