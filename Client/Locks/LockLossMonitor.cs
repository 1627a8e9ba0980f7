using CoordinationService.Errors;
using CoordinationService.Watches;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Turns the ways a held lock can be lost into one token: the session ending (expired or closed)
/// and the node being deleted (an exists watch, re-set after other events and carried across
/// reconnects by the session). Starts on first use, so holders that never ask pay nothing.
/// </summary>
internal sealed class LockLossMonitor(CoordinationClient client, string nodePath)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _lost;
    private bool _stopped;

    public CancellationToken Token
    {
        get
        {
            lock (_gate)
            {
                if (_lost is not null)
                {
                    return _lost.Token;
                }

                _lost = new CancellationTokenSource();
                if (_stopped)
                {
                    return _lost.Token;
                }
            }

            client.StateChanged += OnStateChanged;
            if (client.IsEnded)
            {
                Signal();
            }
            else
            {
                _ = WatchNodeAsync();
            }

            return _lost.Token;
        }
    }

    /// <summary>The holder released the lock: what follows is not a loss.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }

        client.StateChanged -= OnStateChanged;
    }

    private async Task WatchNodeAsync()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
        }

        try
        {
            if (await client.ExistsAsync(nodePath, OnNodeEvent).ConfigureAwait(false) is null)
            {
                Signal();
            }
        }
        catch (SessionExpiredException)
        {
            Signal();
        }
        catch (CoordinationException)
        {
            // The request timed out on a silo that did not answer: the session carries on, so watch again.
            await Task.Delay(TimeSpan.FromSeconds(1), client.Time).ConfigureAwait(false);
            _ = WatchNodeAsync();
        }
    }

    private void OnNodeEvent(WatchEvent watchEvent)
    {
        if (watchEvent.Type == WatchEventType.NodeDeleted)
        {
            Signal();
        }
        else if (watchEvent.Type != WatchEventType.None)
        {
            _ = WatchNodeAsync();
        }
    }

    private void OnStateChanged(object? sender, SessionStateChangedEventArgs change)
    {
        if (change.Current is SessionState.Expired or SessionState.Closed)
        {
            Signal();
        }
    }

    private void Signal()
    {
        CancellationTokenSource? lost;
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            lost = _lost;
        }

        // Not inline: this may run on the session's event thread, and the holder's callbacks must not stall it.
        _ = lost?.CancelAsync();
    }
}
