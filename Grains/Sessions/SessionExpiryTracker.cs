namespace CoordinationService.Sessions;

/// <summary>
/// ZooKeeper's ExpiryQueue: sessions sit in buckets keyed by their deadline rounded up to the next
/// tick, so the leader checks one bucket per tick instead of every session. Pure: the caller
/// supplies the time.
/// </summary>
public sealed class SessionExpiryTracker
{
    private readonly long _tickMs;
    private readonly Dictionary<long, long> _deadlineBySession = [];
    private readonly SortedDictionary<long, HashSet<long>> _buckets = [];

    public SessionExpiryTracker(long tickMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickMs, 0);
        _tickMs = tickMs;
    }

    public int Count => _deadlineBySession.Count;

    /// <summary>The session was heard from at <paramref name="nowMs"/>: it gets a full timeout from now.</summary>
    public void Touch(long sessionId, int timeoutMs, long nowMs)
    {
        var deadline = RoundUpToTick(nowMs + timeoutMs);
        if (_deadlineBySession.TryGetValue(sessionId, out var current))
        {
            if (current == deadline)
            {
                return;
            }

            RemoveFromBucket(sessionId, current);
        }

        _deadlineBySession[sessionId] = deadline;
        if (!_buckets.TryGetValue(deadline, out var bucket))
        {
            bucket = [];
            _buckets.Add(deadline, bucket);
        }

        bucket.Add(sessionId);
    }

    public bool Contains(long sessionId) => _deadlineBySession.ContainsKey(sessionId);

    public void Remove(long sessionId)
    {
        if (_deadlineBySession.Remove(sessionId, out var deadline))
        {
            RemoveFromBucket(sessionId, deadline);
        }
    }

    /// <summary>Sessions whose deadline has passed, removed from tracking (the caller closes them).</summary>
    public IReadOnlyList<long> TakeExpired(long nowMs)
    {
        List<long>? expired = null;
        while (_buckets.Count > 0)
        {
            var first = _buckets.First();
            if (first.Key > nowMs)
            {
                break;
            }

            _buckets.Remove(first.Key);
            foreach (var session in first.Value)
            {
                _deadlineBySession.Remove(session);
                (expired ??= []).Add(session);
            }
        }

        if (expired is null)
        {
            return [];
        }

        expired.Sort();
        return expired;
    }

    private long RoundUpToTick(long time) => (time / _tickMs + 1) * _tickMs;

    private void RemoveFromBucket(long sessionId, long deadline)
    {
        if (_buckets.TryGetValue(deadline, out var bucket) && bucket.Remove(sessionId) && bucket.Count == 0)
        {
            _buckets.Remove(deadline);
        }
    }
}
