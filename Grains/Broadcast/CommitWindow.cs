using CoordinationService.Txns;

namespace CoordinationService.Broadcast;

/// <summary>
/// The leader's recent committed txns, from which replicas pull. Bounded: a replica asking for
/// something older is told to catch up from the log store instead. Holds only durable txns.
/// </summary>
internal sealed class CommitWindow(long baseZxid, int capacity)
{
    private readonly List<TxnRecord> _txns = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The zxid just before the first txn held: a replica at or after it can be served.</summary>
    public long BaseZxid { get; private set; } = baseZxid;

    public long LastZxid { get; private set; } = baseZxid;

    /// <summary>Completes the next time txns are added.</summary>
    public Task Changed => _changed.Task;

    public void Add(IReadOnlyList<TxnRecord> committed)
    {
        if (committed.Count == 0)
        {
            return;
        }

        _txns.AddRange(committed);
        LastZxid = committed[^1].Zxid.Value;
        if (_txns.Count > capacity)
        {
            var drop = _txns.Count - capacity;
            BaseZxid = _txns[drop - 1].Zxid.Value;
            _txns.RemoveRange(0, drop);
        }

        Wake();
    }

    /// <summary>Ends every wait on <see cref="Changed"/> now, e.g. when the leader steps down.</summary>
    public void Wake()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    public bool CanServe(long afterZxid) => afterZxid >= BaseZxid && afterZxid <= LastZxid;

    /// <summary>Txns after <paramref name="afterZxid"/>, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<TxnRecord> After(long afterZxid, int max)
    {
        var start = FirstAfter(afterZxid);
        var count = Math.Min(max, _txns.Count - start);
        return count <= 0 ? [] : _txns.GetRange(start, count);
    }

    private int FirstAfter(long zxid)
    {
        int lo = 0, hi = _txns.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_txns[mid].Zxid.Value <= zxid)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
