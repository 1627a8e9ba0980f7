using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Watches;

namespace CoordinationService.Front;

/// <summary>
/// The sessions attached to this silo and their outboxes of watch events. Events stay in the outbox
/// until the client acknowledges their sequence number, so a reply or a poll that is lost on the
/// way does not lose an event, and a client never processes one twice.
/// </summary>
public sealed class SessionHub(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, AttachedSession> _sessions = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    public void Attach(long sessionId, Guid attachment, int timeoutMs)
    {
        lock (_gate)
        {
            if (_sessions.Remove(sessionId, out var previous))
            {
                previous.Ended = true;
                previous.Wake();
            }

            _sessions[sessionId] = new AttachedSession(sessionId, attachment, timeoutMs, Now());
        }
    }

    public SessionStatus Check(long sessionId, Guid attachment)
    {
        lock (_gate)
        {
            return StatusOf(sessionId, attachment, out _);
        }
    }

    /// <summary>A long poll arrived: the client was heard from now. Its completion, up to a third of the
    /// session timeout later, says nothing of the client — it may have died meanwhile.</summary>
    public SessionStatus PollArrived(long sessionId, Guid attachment)
    {
        lock (_gate)
        {
            var status = StatusOf(sessionId, attachment, out var session);
            if (session is not null)
            {
                session.LastContactMs = Now();
            }

            return status;
        }
    }

    /// <summary>The identities proven on this attachment (empty when it is not attached here).</summary>
    public List<AuthId> AuthOf(long sessionId, Guid attachment)
    {
        lock (_gate)
        {
            return StatusOf(sessionId, attachment, out var session) == SessionStatus.NotAttached ? [] : session!.Auth;
        }
    }

    /// <summary>Drops events up to <paramref name="ackedSeq"/> and returns the rest, oldest first.</summary>
    /// <param name="contact">The client was heard from now (a request or a ping); false at the end of a long poll.</param>
    public IReadOnlyList<SessionEvent> Pending(long sessionId, Guid attachment, long ackedSeq, bool contact = true)
    {
        lock (_gate)
        {
            if (StatusOf(sessionId, attachment, out var session) == SessionStatus.NotAttached)
            {
                return [];
            }

            if (contact)
            {
                session!.LastContactMs = Now();
            }

            Acknowledge(session!, ackedSeq);
            return session!.Outbox.Count == 0 ? [] : [.. session.Outbox];
        }
    }

    /// <summary>Completes when the session has an event after <paramref name="ackedSeq"/>, ends, or <paramref name="maxWait"/> passes.</summary>
    public async Task WaitForEventsAsync(long sessionId, Guid attachment, long ackedSeq, TimeSpan maxWait, CancellationToken cancellation)
    {
        Task waiting;
        lock (_gate)
        {
            if (StatusOf(sessionId, attachment, out var session) != SessionStatus.Active)
            {
                return;
            }

            Acknowledge(session!, ackedSeq);
            if (session!.Outbox.Count > 0)
            {
                return;
            }

            session.Waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting = session.Waiter.Task;
        }

        await waiting.WaitAsync(maxWait, time, cancellation).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>Queues events produced by the replica; called under the replica's lock, in zxid order.</summary>
    public void Deliver(List<(long Session, WatchEvent Event)> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var (sessionId, evt) in events)
            {
                if (_sessions.TryGetValue(sessionId, out var session) && !session.Ended)
                {
                    session.Outbox.Add(new SessionEvent(session.NextSeq++, evt));
                    session.Wake();
                }
            }
        }
    }

    /// <summary>The session was closed or expired by a committed txn.</summary>
    public void MarkEnded(long sessionId)
    {
        lock (_gate)
        {
            if (_sessions.TryGetValue(sessionId, out var session))
            {
                session.Ended = true;
                session.Wake();
            }
        }
    }

    public void Detach(long sessionId)
    {
        lock (_gate)
        {
            if (_sessions.Remove(sessionId, out var session))
            {
                session.Wake();
            }
        }
    }

    /// <summary>Ids of sessions attached here that are still live, to keep them alive at the leader.</summary>
    public IReadOnlyList<long> RecentlyActive(long sinceMs)
    {
        lock (_gate)
        {
            return [.. _sessions.Values.Where(s => !s.Ended && s.LastContactMs >= sinceMs).Select(s => s.SessionId)];
        }
    }

    /// <summary>
    /// Forgets attachments not heard from for twice their timeout (the client went elsewhere or
    /// away; the leader expires the session itself) and ended ones the client has had time to see.
    /// </summary>
    public IReadOnlyList<long> RemoveIdle()
    {
        var now = Now();
        lock (_gate)
        {
            var idle = _sessions.Values.Where(s => now - s.LastContactMs > 2L * s.TimeoutMs).Select(s => s.SessionId).ToList();
            foreach (var id in idle)
            {
                _sessions.Remove(id, out var session);
                session!.Wake();
            }

            return idle;
        }
    }

    private SessionStatus StatusOf(long sessionId, Guid attachment, out AttachedSession? session)
    {
        if (!_sessions.TryGetValue(sessionId, out session) || session.Attachment != attachment)
        {
            session = null;
            return SessionStatus.NotAttached;
        }

        return session.Ended ? SessionStatus.Expired : SessionStatus.Active;
    }

    private static void Acknowledge(AttachedSession session, long ackedSeq)
    {
        var drop = 0;
        while (drop < session.Outbox.Count && session.Outbox[drop].Seq <= ackedSeq)
        {
            drop++;
        }

        if (drop > 0)
        {
            session.Outbox.RemoveRange(0, drop);
        }
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
