using System.Net;
using CoordinationService.Bench.Workloads;
using CoordinationService.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace CoordinationService.Bench;

/// <summary>An Orleans client connected to the silo's gateway and the sessions the workloads share.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly IReadOnlyList<CoordinationClient> _clients;

    private BenchCluster(IHost host, IReadOnlyList<CoordinationClient> clients)
    {
        _host = host;
        _clients = clients;
        Sessions = clients.Select(c => new OrleansSession(c)).ToList();
    }

    public IReadOnlyList<IBenchSession> Sessions { get; }

    public static Task<BenchCluster> ConnectAsync(IPEndPoint gateway, int sessionCount, CancellationToken ct) =>
        ConnectAsync([gateway], sessionCount, ct);

    /// <param name="gateways">Every silo's gateway: the Orleans client spreads its connections over them.</param>
    public static async Task<BenchCluster> ConnectAsync(IReadOnlyList<IPEndPoint> gateways, int sessionCount, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseStaticClustering([.. gateways])
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "coordination";
                o.ServiceId = "coordination";
            }));
        var host = builder.Build();
        await host.StartAsync(ct);
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var sessions = new List<CoordinationClient>(sessionCount);
        try
        {
            for (var i = 0; i < sessionCount; i++)
            {
                // A short request timeout: a stuck call should show up as an error within the run, not stall it.
                var options = new CoordinationClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) };
                sessions.Add(await CoordinationClient.ConnectAsync(grains, options, ct));
            }
        }
        catch
        {
            await new BenchCluster(host, sessions).DisposeAsync();
            throw;
        }

        return new BenchCluster(host, sessions);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        foreach (var session in _clients)
        {
            try
            {
                await session.CloseAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or CoordinationService.Errors.CoordinationException)
            {
                // Closing is best effort; the silo expires the session anyway.
            }

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
