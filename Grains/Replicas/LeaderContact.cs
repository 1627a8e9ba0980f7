namespace CoordinationService.Replicas;

/// <summary>
/// Whether this silo is in touch with a leader that can commit. While it is not — the leader's silo
/// died and no successor is up yet, or the log store is down so no leader can recover — the replica
/// keeps serving reads, but they may be stale (ZooKeeper calls this read-only mode), and writes fail
/// with ConnectionLoss. Clients are told on every reply so they can say so to their callers.
/// </summary>
public sealed class LeaderContact(TimeProvider time)
{
    private long _lostSince;

    /// <summary>True while the last exchange with the leader succeeded.</summary>
    public bool InTouch => Interlocked.Read(ref _lostSince) == 0;

    /// <summary>How long this silo has been out of touch; zero while in touch.</summary>
    public TimeSpan OutOfTouchFor
    {
        get
        {
            var since = Interlocked.Read(ref _lostSince);
            return since == 0 ? TimeSpan.Zero : time.GetElapsedTime(since);
        }
    }

    /// <summary>Records a successful exchange; returns true if that ends a period out of touch.</summary>
    public bool Reached() => Interlocked.Exchange(ref _lostSince, 0) != 0;

    /// <summary>Records a failed exchange; returns true if that starts a period out of touch.</summary>
    public bool Lost()
    {
        // A timestamp of exactly zero would read as "in touch"; one tick later is indistinguishable.
        var now = Math.Max(1, time.GetTimestamp());
        return Interlocked.CompareExchange(ref _lostSince, now, 0) == 0;
    }
}
