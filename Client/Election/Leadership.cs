using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
using CoordinationService.Watches;
using Polly;

namespace CoordinationService.Client.Election;

/// <summary>
/// Won leadership: <see cref="LostToken"/> is cancelled the moment it ends — the node deleted, the
/// session expired or closed, the connection lost (under <see cref="LeadershipLossPolicy.ConnectionLoss"/>),
/// or <see cref="ResignAsync"/>. Disposing resigns.
/// </summary>
public sealed class Leadership : IAsyncDisposable
{
    private readonly CoordinationClient _client;
    private readonly SessionEndListener _session;
    private readonly LeadershipLossPolicy _policy;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _lost = new();
    private CancellationTokenRegistration _sessionEnded;
    private string? _lostReason;
    private int _lostOnce;
    private int _resigned;

    internal Leadership(CoordinationClient client, string nodePath, long term, string identifier, LeaderElectionOptions options)
    {
        _client = client;
        NodePath = nodePath;
        Term = term;
        Identifier = identifier;
        _policy = options.LossPolicy;
        _retry = options.Retry ?? CoordinationRetry.Default;
        _session = new SessionEndListener(client);
        LostToken = _lost.Token;
    }

    /// <summary>The czxid of this leader's node: strictly greater than every earlier leader's term of this election.</summary>
    public long Term { get; }

    public string NodePath { get; }

    public string Identifier { get; }

    /// <summary>Cancelled when this leadership ends, for whatever reason.</summary>
    public CancellationToken LostToken { get; }

    public bool IsLost => Volatile.Read(ref _lostOnce) == 1;

    /// <summary>Why the leadership ended (null while it lasts).</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>Steps down: leadership ends at once (<see cref="LostToken"/> fires), then the node is deleted so the next contender takes over.</summary>
    public async Task ResignAsync(CancellationToken cancellationToken = default)
    {
        Lose("resigned");
        if (Interlocked.Exchange(ref _resigned, 1) == 1)
        {
            return;
        }

        try
        {
            await _client.DeleteIfExistsAsync(NodePath, retry: _retry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SessionExpiredException)
        {
            // The session is over, and its ephemeral node went with it.
        }
        finally
        {
            _sessionEnded.Dispose();
            _session.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await ResignAsync().ConfigureAwait(false);

    /// <summary>Starts watching for the end of leadership; the node may already be gone, which ends it at once.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        _sessionEnded = _session.Ended.Register(static state => ((Leadership)state!).Lose("the session ended"), this);
        if (_policy == LeadershipLossPolicy.ConnectionLoss)
        {
            _session.Disconnected += () => Lose("the connection to the service was lost");
        }

        await WatchNodeAsync(cancellationToken).ConfigureAwait(false);
        if (_policy == LeadershipLossPolicy.ConnectionLoss && _client.State != SessionState.Connected)
        {
            // Disconnected before the listener was in place.
            Lose("the connection to the service was lost");
        }
    }

    private async Task WatchNodeAsync(CancellationToken cancellationToken)
    {
        if (await _client.ExistsAsync(NodePath, OnNodeEvent, cancellationToken).ConfigureAwait(false) is null)
        {
            Lose("its node was deleted");
        }
    }

    private void OnNodeEvent(WatchEvent watchEvent)
    {
        if (watchEvent.Type == WatchEventType.NodeDeleted)
        {
            Lose("its node was deleted");
        }
        else if (!IsLost)
        {
            // Its data changed or the watch was removed: the node is still there, keep watching it.
            _ = Task.Run(RewatchAsync);
        }
    }

    private async Task RewatchAsync()
    {
        try
        {
            await WatchNodeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (CoordinationException ex)
        {
            Lose("its node could not be watched: " + ex.Message);
        }
    }

    private void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostOnce, 1, 0) != 0)
        {
            return;
        }

        Volatile.Write(ref _lostReason, reason);
        // Callers may be on the session's event thread, which must not run the leader's cancellation callbacks.
        _ = Task.Run(_lost.Cancel);
    }
}
