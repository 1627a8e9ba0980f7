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
        Volatile.Write(ref _connection, connection);
        Touch();
        Log.Attached(_logger, Id, connection.RoutingKey, connection.Attachment);
        MoveTo(SessionState.Connected);
    }

    public void Disconnected() => MoveTo(SessionState.Disconnected);

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

    private bool MoveTo(SessionState next)
    {
        SessionState previous;
        lock (_lock)
        {
            previous = _state;
            if (previous == next || previous is SessionState.Expired or SessionState.Closed)
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
