using CoordinationService.Errors;

namespace CoordinationService.Client.Recipes;

/// <summary>
/// Follows a session's state for a recipe: <see cref="Ended"/> is cancelled when the session is
/// expired or closed (its watches will never fire again), and <see cref="Disconnected"/> /
/// <see cref="Reconnected"/> report the transport in between (Reconnected also when a read-only
/// silo is in touch with a leader again). A read-only connection is not a disconnection: the
/// session lives, and nobody can commit a change that would end it.
/// </summary>
internal sealed class SessionEndListener : IDisposable
{
    private readonly CoordinationClient _client;
    private readonly CancellationTokenSource _ended = new();
    private int _disposed;

    public SessionEndListener(CoordinationClient client)
    {
        _client = client;
        client.StateChanged += OnStateChanged;
        if (IsTerminal(client.State))
        {
            CancelEnded();
        }
    }

    public event Action? Disconnected;

    public event Action? Reconnected;

    public CancellationToken Ended => _ended.Token;

    public bool HasEnded => _ended.IsCancellationRequested;

    /// <summary>Awaits <paramref name="task"/>; throws <see cref="SessionExpiredException"/> if the session ends first.</summary>
    public async Task<T> OrEndAsync<T>(Task<T> task, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Ended);
        try
        {
            return await task.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (HasEnded && !cancellationToken.IsCancellationRequested)
        {
            throw new SessionExpiredException(message: _client.State == SessionState.Closed ? "The session is closed" : "The session has expired");
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _client.StateChanged -= OnStateChanged;
            _ended.Dispose();
        }
    }

    private static bool IsTerminal(SessionState state) => state is SessionState.Expired or SessionState.Closed;

    private void OnStateChanged(object? sender, SessionStateChangedEventArgs e)
    {
        if (IsTerminal(e.Current))
        {
            CancelEnded();
        }
        else if (e.Current == SessionState.Disconnected)
        {
            Disconnected?.Invoke();
        }
        else if (e.Current == SessionState.Connected && e.Previous is SessionState.Disconnected or SessionState.ConnectedReadOnly)
        {
            Reconnected?.Invoke();
        }
    }

    private void CancelEnded()
    {
        // State handlers run on the session's own threads and must not block: cancellation callbacks run elsewhere.
        _ = Task.Run(() =>
        {
            try
            {
                _ended.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        });
    }
}
