using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Log;

/// <summary>
/// What a store reads before it writes: the ensemble row (the fence and the compaction point) and
/// the highest stored zxid. The rules that decide on it live here, so every store decides alike.
/// </summary>
internal readonly record struct LogState(long CurrentEpoch, Zxid CompactedTo, Zxid MaxStored)
{
    /// <summary>The highest zxid ever appended: compaction may have emptied txns up to it.</summary>
    public Zxid Last => MaxStored > CompactedTo ? MaxStored : CompactedTo;

    /// <summary>The fence first, so a stale leader learns it is stale whatever its batch holds.</summary>
    public void CheckAppend(long epoch, IReadOnlyList<TxnRecord> txns)
    {
        if (CurrentEpoch != epoch)
        {
            throw new LogFencedException(epoch, CurrentEpoch);
        }

        LogOrder.CheckAppend(epoch, Last, txns);
    }

    /// <summary>The next epoch goes above both the stored epoch and the epoch of the last zxid; its marker opens it.</summary>
    public (EpochStart Start, TxnRecord Marker) NextEpoch(long timeMs)
    {
        var last = Last;
        var epoch = Math.Max(CurrentEpoch, last.Epoch) + 1;
        if (epoch > int.MaxValue)
        {
            throw new InvalidOperationException("The epoch space is exhausted.");
        }

        var marker = Zxid.Create(epoch, 0);
        return (new EpochStart(epoch, last), new TxnRecord(marker, timeMs, SessionId.None, new EpochTxn(epoch)));
    }

    public void CheckSnapshot(Zxid zxid)
    {
        if (zxid > Last)
        {
            throw new InvalidOperationException($"Snapshot at {zxid} is ahead of the log, which ends at {Last}.");
        }
    }

    public void CheckReadable(Zxid after)
    {
        if (after < CompactedTo)
        {
            throw new LogCompactedException(after, CompactedTo);
        }
    }
}
