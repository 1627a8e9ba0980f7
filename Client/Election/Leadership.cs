using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
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
    private readonly OwnedNodeMonitor _monitor;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _lost = new();
    private string? _lostReason;
    private int _resigned;

    internal Leadership(CoordinationClient client, string nodePath, long term, string identifier, LeaderElectionOptions options)
    {
        _client = client;
        NodePath = nodePath;
        Term = term;
        Identifier = identifier;
        _retry = options.Retry ?? CoordinationRetry.Default;
        _monitor = new OwnedNodeMonitor(client, nodePath, options.LossPolicy == LeadershipLossPolicy.ConnectionLoss, Lose);
        LostToken = _lost.Token;
    }

    /// <summary>The czxid of this leader's node: strictly greater than every earlier leader's term of this election.</summary>
    public long Term { get; }

    public string NodePath { get; }

    public string Identifier { get; }

    /// <summary>Cancelled when this leadership ends, for whatever reason.</summary>
    public CancellationToken LostToken { get; }

    public bool IsLost => Volatile.Read(ref _lostReason) is not null;

    /// <summary>Why the leadership ended (null while it lasts).</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    /// <summary>Steps down: leadership ends at once (<see cref="LostToken"/> fires), then the node is deleted so the next contender takes over.</summary>
    public async Task ResignAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _resigned, 1) == 1)
        {
            return;
        }

        _monitor.Dispose();
        Lose("resigned");
        try
        {
            await _client.DeleteIfExistsAsync(NodePath, retry: _retry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SessionExpiredException)
        {
            // The session is over, and its ephemeral node went with it.
        }
    }

    public async ValueTask DisposeAsync() => await ResignAsync().ConfigureAwait(false);

    /// <summary>Starts watching for the end of leadership; the node may already be gone, which ends it at once.</summary>
    internal Task StartAsync(CancellationToken cancellationToken) => _monitor.StartAsync(cancellationToken);

    private void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            // Cancelled synchronously, so LostToken has fired by the time ResignAsync returns.
            _lost.Cancel();
        }
    }
}
