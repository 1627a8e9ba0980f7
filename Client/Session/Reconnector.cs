using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;
using Microsoft.Extensions.Logging;
using Polly;

namespace CoordinationService.Client.Session;

/// <summary>
/// Re-attaches the session (new routing key, new attachment id, all registered watches, last zxid seen),
/// once for everyone who found the attachment broken. Gives up — the session is then expired — when
/// the server answers SessionExpired or no silo answered within the session timeout.
/// </summary>
internal sealed class Reconnector
{
    private readonly IGrainFactory _grains;
    private readonly SessionContext _session;
    private readonly WatchRegistry _registry;
    private readonly EventDispatcher _dispatcher;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Task? _inFlight;

    public Reconnector(
        IGrainFactory grains,
        SessionContext session,
        WatchRegistry registry,
        EventDispatcher dispatcher,
        CoordinationClientOptions options,
        ILogger logger)
    {
        _grains = grains;
        _session = session;
        _registry = registry;
        _dispatcher = dispatcher;
        _logger = logger;
        _pipeline = ReconnectPolicy.Create(
            options,
            session.Time,
            ReconnectPolicy.AttemptTimeout(TimeSpan.FromMilliseconds(session.TimeoutMs)),
            () => session.IsEnded ? TimeSpan.Zero : session.TimeLeftBeforeExpiry);
    }

    /// <summary>Completes when the session is attached anew (or already was, since <paramref name="stale"/>
    /// failed); throws <see cref="SessionExpiredException"/> when the session ended instead.</summary>
    public Task ReattachAsync(Connection stale)
    {
        lock (_lock)
        {
            if (_session.IsEnded)
            {
                return Task.FromException(_session.EndedException());
            }

            if (!ReferenceEquals(_session.Connection, stale))
            {
                return Task.CompletedTask;
            }

            // Task.Run: the attempt must not run inline under this lock.
            return _inFlight ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        try
        {
            var connection = await _pipeline.ExecuteAsync(
                static async (self, ct) => await self.AttachOnceAsync(ct).ConfigureAwait(false),
                this,
                _session.Stopping).ConfigureAwait(false);
            _dispatcher.Reset(connection.Attachment);
            _session.Attached(connection);
        }
        catch (Exception ex)
        {
            if (ex is not SessionExpiredException and not OperationCanceledException)
            {
                Log.TransportFailure(_logger, _session.Id, ex);
            }

            _session.End(SessionState.Expired);
            throw _session.EndedException();
        }
        finally
        {
            lock (_lock)
            {
                _inFlight = null;
            }
        }
    }

    private async ValueTask<Connection> AttachOnceAsync(CancellationToken cancellationToken)
    {
        var connection = Connection.Pick(_grains);
        var request = new AttachRequest(
            _session.Id, _session.Password, _session.LastZxidSeen, _registry.Registrations(), connection.Attachment, _session.Credentials);
        var reply = await connection.Grain.Attach(request).WaitAsync(cancellationToken).ConfigureAwait(false);
        switch (reply.Code)
        {
            case ResultCode.Ok:
                _session.ObserveZxid(reply.Zxid);
                if (reply.TimeoutMs > 0)
                {
                    _session.TimeoutMs = reply.TimeoutMs;
                }

                return connection;
            case ResultCode.SessionExpired:
                throw new SessionExpiredException();
            default:
                // Anything else (a leader failing over, say) may pass: retry while the session can live.
                throw new ConnectionLossException(message: $"Attach answered {reply.Code}");
        }
    }
}
