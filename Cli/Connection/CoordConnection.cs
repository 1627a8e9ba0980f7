using System.Text;
using CoordinationService.Client;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Cli.Connection;

/// <summary>
/// One command's session: an Orleans client (through <c>AddCoordinationClient</c>, as any application
/// connects) and the session it opens. Disposing closes the session, so the ephemerals a command
/// created end with it.
/// </summary>
public sealed class CoordConnection : IAsyncDisposable
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);
    private readonly IHost _host;

    private CoordConnection(IHost host, CoordinationClient client)
    {
        _host = host;
        Client = client;
    }

    public CoordinationClient Client { get; }

    public IClusterClient Cluster => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<CoordConnection> OpenAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (settings.Verbose)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
        }

        builder.Services.AddCoordinationClient(o =>
        {
            o.RequestTimeout = settings.Timeout;
            o.ConnectionString = settings.ConnectionString;
            foreach (var gateway in settings.Gateways)
            {
                o.Gateways.Add(gateway);
            }
        });

        var retries = new GatewayRetryFilter();
        builder.Services.AddSingleton<IClientConnectionRetryFilter>(retries);
        var host = builder.Build();
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(settings.Timeout);
            await host.StartAsync(connecting.Token).WaitAsync(connecting.Token).ConfigureAwait(false);
            var client = await host.Services.GetRequiredService<CoordinationClientHost>().GetClientAsync(connecting.Token).ConfigureAwait(false);
            if (settings.Auth is { } auth)
            {
                await client.AddAuthAsync("digest", Encoding.UTF8.GetBytes(auth), cancellationToken).ConfigureAwait(false);
            }

            return new CoordConnection(host, client);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopQuietlyAsync(host).ConfigureAwait(false);
            var reason = retries.LastFailure is { } failure ? failure.GetBaseException().Message + "; " : string.Empty;
            throw new ClusterUnreachableException(settings.Where, $"{reason}no session within --timeout {Parsing.Durations.Format(settings.Timeout)}");
        }
        catch (Exception ex) when (ex is not Errors.CoordinationException)
        {
            await StopQuietlyAsync(host).ConfigureAwait(false);
            throw new ClusterUnreachableException(settings.Where, ex.GetBaseException().Message, ex);
        }
        catch
        {
            await StopQuietlyAsync(host).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopQuietlyAsync(_host).ConfigureAwait(false);

    private static async Task StopQuietlyAsync(IHost host)
    {
        try
        {
            // Closes the session first (CoordinationClientHost stops before the Orleans client).
            using var stopping = new CancellationTokenSource(CloseTimeout);
            await host.StopAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or Orleans.Runtime.OrleansException or TimeoutException)
        {
            // The session ends on the server by its timeout anyway; exiting must not wait on an unreachable cluster.
        }
        finally
        {
            if (host is IAsyncDisposable asyncHost)
            {
                await DisposeBoundedAsync(asyncHost).ConfigureAwait(false);
            }
            else
            {
                host.Dispose();
            }
        }
    }

    private static async Task DisposeBoundedAsync(IAsyncDisposable host)
    {
        try
        {
            await host.DisposeAsync().AsTask().WaitAsync(CloseTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Exiting matters more than a tidy Orleans client: the process ends and the OS closes its sockets.
        }
    }
}
