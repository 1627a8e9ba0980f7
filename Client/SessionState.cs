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
    /// <summary>
    /// Connected to a silo that is out of touch with a leader able to commit (the leader's silo is
    /// failing over, or the log store is down): reads are answered from that silo's replica and
    /// may be stale, writes fail with ConnectionLoss. ZooKeeper's ConnectedReadOnly. The session
    /// stays alive; the state returns to <see cref="Connected"/> by itself when writes work again.
    /// </summary>
    ConnectedReadOnly = 5,
}

public sealed class SessionStateChangedEventArgs(SessionState previous, SessionState current) : EventArgs
{
    public SessionState Previous { get; } = previous;

    public SessionState Current { get; } = current;
}
