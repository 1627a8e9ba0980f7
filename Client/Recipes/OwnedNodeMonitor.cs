using CoordinationService.Errors;
using CoordinationService.Watches;

namespace CoordinationService.Client.Recipes;

/// <summary>
/// Watches a node this session owns (a leader's, a registration's) and reports, once, why it can no
/// longer be counted on: the node was deleted, the session ended, or — when asked — the connection
/// was lost. The report runs on the thread pool, never on the session's event thread.
/// </summary>
internal sealed class OwnedNodeMonitor : IDisposable
{
    private readonly CoordinationClient _client;
    private readonly string _path;
    private readonly bool _loseOnDisconnect;
    private readonly Action<string> _lost;
    private readonly SessionEndListener _session;
    private CancellationTokenRegistration _ended;
    private int _reported;

    public OwnedNodeMonitor(CoordinationClient client, string path, bool loseOnDisconnect, Action<string> lost)
    {
        _client = client;
        _path = path;
        _loseOnDisconnect = loseOnDisconnect;
        _lost = lost;
        _session = new SessionEndListener(client);
    }

    public const string NodeDeleted = "its node was deleted";
    public const string SessionEnded = "the session ended";
    public const string ConnectionLost = "the connection to the service was lost";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ended = _session.Ended.Register(static state => ((OwnedNodeMonitor)state!).Report(SessionEnded), this);
        if (_loseOnDisconnect)
        {
            _session.Disconnected += () => Report(ConnectionLost);
        }

        await WatchAsync(cancellationToken).ConfigureAwait(false);
        if (_loseOnDisconnect && _client.State == SessionState.Disconnected)
        {
            // Disconnected before the listener was in place.
            Report(ConnectionLost);
        }
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _reported, 1);
        _ended.Dispose();
        _session.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        if (await _client.ExistsAsync(_path, OnNodeEvent, cancellationToken).ConfigureAwait(false) is null)
        {
            Report(NodeDeleted);
        }
    }

    private void OnNodeEvent(WatchEvent watchEvent)
    {
        if (watchEvent.Type == WatchEventType.NodeDeleted)
        {
            Report(NodeDeleted);
        }
        else if (Volatile.Read(ref _reported) == 0)
        {
            // Its data changed or the watch was removed: the node is still there, keep watching it.
            _ = Task.Run(RewatchAsync);
        }
    }

    private async Task RewatchAsync()
    {
        try
        {
            await WatchAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (CoordinationException ex)
        {
            Report("its node could not be watched: " + ex.Message);
        }
    }

    private void Report(string reason)
    {
        if (Interlocked.CompareExchange(ref _reported, 1, 0) == 0)
        {
            _ = Task.Run(() => _lost(reason));
        }
    }
}
