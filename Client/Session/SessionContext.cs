using CoordinationService.Requests;
using CoordinationService.Errors;
using CoordinationService.Model;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Client.Session;

/// <summary>
/// What every part of a session shares: its identity, the current attachment, the highest zxid seen,
/// the last contact with a silo and the state. Ending is one-way and happens once.
/// </summary>
internal sealed class SessionContext
{
    private readonly List<AddAuthRequest> _credentials = [];
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Action<SessionState, SessionState> _stateChanged;
    private readonly Action _ended;
    private Connection _connection;
    private SessionState _state = SessionState.Connected;
    private long _lastZxidSeen;
    private long _lastContact;
    private int _timeoutMs;

    public SessionContext(
        SessionId id,
        byte[] password,
        int timeoutMs,
        long lastZxidSeen,
        Connection connection,
        TimeProvider time,
        ILogger logger,
        Action<SessionState, SessionState> stateChanged,
        Action ended)
    {
        Id = id;
        Password = password;
        _timeoutMs = timeoutMs;
        _lastZxidSeen = lastZxidSeen;
        _connection = connection;
        _time = time;
        _logger = logger;
        _stateChanged = stateChanged;
        _ended = ended;
        _lastContact = time.GetTimestamp();
    }

    public SessionId Id { get; }

    public byte[] Password { get; }

    public TimeProvider Time => _time;

    public int TimeoutMs
    {
        get => Volatile.Read(ref _timeoutMs);
        set => Volatile.Write(ref _timeoutMs, value);
    }

    public long LastZxidSeen => Interlocked.Read(ref _lastZxidSeen);

    /// <summary>Identities proven so far, sent again with every re-attach.</summary>
    public IReadOnlyList<AddAuthRequest> Credentials
    {
        get
        {
            lock (_credentials)
            {
                return [.. _credentials];
            }
        }
    }

    public void Remember(AddAuthRequest credential)
    {
        lock (_credentials)
        {
            if (!_credentials.Any(c => c.Scheme == credential.Scheme && c.Auth.AsSpan().SequenceEqual(credential.Auth)))
            {
                _credentials.Add(credential);
            }
        }
    }

    public Connection Connection => Volatile.Read(ref _connection);

    public SessionState State
    {
        get
        {
            lock (_lock)
            {
                return _state;
            }
        }
    }

    public bool IsEnded => State is SessionState.Expired or SessionState.Closed;

    /// <summary>Cancelled when the session ends: stops the loops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>What is left of the session timeout since a silo last answered; at zero the server has expired it by now.</summary>
    public TimeSpan TimeLeftBeforeExpiry =>
        TimeSpan.FromMilliseconds(TimeoutMs) - _time.GetElapsedTime(Interlocked.Read(ref _lastContact));

    public void ObserveZxid(long zxid)
    {
        var seen = Interlocked.Read(ref _lastZxidSeen);
        while (zxid > seen)
        {
            var previous = Interlocked.CompareExchange(ref _lastZxidSeen, zxid, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    public void Touch() => Interlocked.Exchange(ref _lastContact, _time.GetTimestamp());

    /// <summary>Ended sessions (ZooKeeper's CLOSED state included) answer SessionExpired to every call.</summary>
    public SessionExpiredException EndedException(string? path = null) =>
        new(path, State == SessionState.Closed ? "The session is closed" : "The session has expired");

    public void Attached(Connection connection)
    {
        var previous = Interlocked.Exchange(ref _connection, connection);
        Touch();
        Log.Attached(_logger, Id, connection.RoutingKey, connection.Attachment);
        MoveTo(SessionState.Connected);
        previous.MarkReplaced();
    }

    /// <summary>The way through <paramref name="failed"/> broke; a failure of an attachment already replaced changes nothing.</summary>
    public void Disconnected(Connection failed) => MoveTo(SessionState.Disconnected, () => ReferenceEquals(_connection, failed));

    /// <summary>
    /// Awaits a call on <paramref name="connection"/> for at most <paramref name="deadline"/>, as ZooKeeper's
    /// client gives up on a server it has not heard from: a silo that died leaves its calls unanswered for
    /// the Orleans response timeout, which may be longer than the session lives. A call outrun by a new
    /// attachment ends too. Both end in <see cref="TimeoutException"/>, a transport failure.
    /// </summary>
    public async Task<T> AwaitCallAsync<T>(Task<T> call, Connection connection, TimeSpan deadline)
    {
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(Stopping, connection.Replaced);
        try
        {
            return await call.WaitAsync(deadline, _time, abandon.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!Stopping.IsCancellationRequested && connection.Replaced.IsCancellationRequested)
        {
            throw new TimeoutException("The session was attached anew while this call was out.");
        }
    }

    /// <summary>How long a silo may take to answer a request before the client gives up on it: two thirds of the session timeout, as ZooKeeper's read timeout.</summary>
    public TimeSpan ReadTimeout => TimeSpan.FromMilliseconds(Math.Max(1000, TimeoutMs * 2 / 3));

    /// <summary>Follows the silo's word on whether writes can commit, as each reply reports it.</summary>
    public void ObserveReadOnly(bool readOnly)
    {
        if (readOnly)
        {
            MoveFrom(SessionState.Connected, SessionState.ConnectedReadOnly);
        }
        else
        {
            MoveFrom(SessionState.ConnectedReadOnly, SessionState.Connected);
        }
    }

    /// <summary>Moves to a terminal state; only the first call has an effect (returns true).</summary>
    public bool End(SessionState terminal)
    {
        if (!MoveTo(terminal))
        {
            return false;
        }

        _ended();
        _stopping.Cancel();
        return true;
    }

    private void MoveFrom(SessionState expected, SessionState next)
    {
        lock (_lock)
        {
            if (_state != expected)
            {
                return;
            }

            _state = next;
        }

        Log.StateChanged(_logger, Id, next);
        _stateChanged(expected, next);
    }

    private bool MoveTo(SessionState next, Func<bool>? onlyIf = null)
    {
        SessionState previous;
        lock (_lock)
        {
            previous = _state;
            if (previous == next || previous is SessionState.Expired or SessionState.Closed || onlyIf?.Invoke() == false)
            {
                return false;
            }

            _state = next;
        }

        Log.StateChanged(_logger, Id, next);
        _stateChanged(previous, next);
        return true;
    }
}
