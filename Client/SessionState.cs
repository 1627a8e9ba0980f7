namespace CoordinationService.Client;

/// <summary>Where a session stands, as ZooKeeper's KeeperState for the states a .NET caller acts on.</summary>
public enum SessionState
{
    Connecting = 0,
    Connected = 1,
    /// <summary>The transport failed; the client is reconnecting and the session may still be alive.</summary>
    Disconnected = 2,
    /// <summary>Terminal: the server ended the session (its ephemerals and watches are gone).</summary>
    Expired = 3,
    /// <summary>Terminal: the caller closed the session.</summary>
    Closed = 4,
}

public sealed class SessionStateChangedEventArgs(SessionState previous, SessionState current) : EventArgs
{
    public SessionState Previous { get; } = previous;

    public SessionState Current { get; } = current;
}
