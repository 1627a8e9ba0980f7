using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Gateway;

/// <summary>
/// Binds the ZooKeeper client port with Kestrel's socket transport once the silo is active, and
/// hands every accepted connection to the <see cref="ZooKeeperConnectionHandler"/>.
/// </summary>
public sealed class ZooKeeperGatewayListener(
    ZooKeeperConnectionHandler handler,
    IOptions<ZooKeeperGatewayOptions> options,
    ILoggerFactory loggerFactory) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<ZooKeeperGatewayListener>();
    private IConnectionListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle)
    {
        if (options.Value.Enabled)
        {
            lifecycle.Subscribe(nameof(ZooKeeperGatewayListener), ServiceLifecycleStage.Active, StartAsync, StopAsync);
        }
    }

    private async Task StartAsync(CancellationToken cancellation)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(options.Value.BindAddress), options.Value.Port);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions { NoDelay = true }), loggerFactory);
        _listener = await transport.BindAsync(endpoint, cancellation).ConfigureAwait(false);
        GatewayLog.Listening(_logger, _listener.EndPoint.ToString() ?? endpoint.ToString());
        _accepting = AcceptLoopAsync(_listener);
    }

    private async Task AcceptLoopAsync(IConnectionListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConnectionContext? connection;
            try
            {
                connection = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (connection is null)
            {
                break;
            }

            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(ConnectionContext connection)
    {
        await using (connection.ConfigureAwait(false))
        {
            await handler.OnConnectedAsync(connection).ConfigureAwait(false);
        }
    }

    private async Task StopAsync(CancellationToken cancellation)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.UnbindAsync(cancellation).ConfigureAwait(false);
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _accepting.ConfigureAwait(false);
    }
}
