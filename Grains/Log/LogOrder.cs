using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Log;

/// <summary>
/// What "no gaps" means for any log store: within an epoch each zxid is the previous plus one; a
/// later epoch opens with its marker at counter 0. Pure, so every store checks it the same way.
/// </summary>
public static class LogOrder
{
    public static bool Follows(Zxid previous, Zxid next, Txn body)
    {
        if (next.Counter == 0)
        {
            return next.Epoch > previous.Epoch && body is EpochTxn marker && marker.Epoch == next.Epoch;
        }

        return next.Epoch == previous.Epoch && next.Value == previous.Value + 1;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> unless the batch continues <paramref name="last"/> inside <paramref name="epoch"/>.</summary>
    public static void CheckAppend(long epoch, Zxid last, IReadOnlyList<TxnRecord> txns)
    {
        var previous = last;
        foreach (var record in txns)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (record.Zxid.Epoch != epoch || record.Zxid.Value != previous.Value + 1 || record.Zxid.Counter == 0)
            {
                throw new InvalidOperationException(
                    $"Zxid {record.Zxid} does not continue the log after {previous} in epoch {epoch}: zxids must be consecutive.");
            }

            previous = record.Zxid;
        }
    }

    /// <summary>Turns a stored entry back into a txn, or explains why it cannot be trusted.</summary>
    public static TxnRecord Verify(Zxid previous, Zxid stored, ReadOnlySpan<byte> body, uint storedCrc)
    {
        if (LogChecksum.Compute(body) != storedCrc)
        {
            throw new LogCorruptedException(stored, "checksum mismatch");
        }

        TxnRecord record;
        try
        {
            record = TxnCodec.Decode(body);
        }
        catch (InvalidDataException e)
        {
            throw new LogCorruptedException(stored, "undecodable entry: " + e.Message, e);
        }

        if (record.Zxid != stored)
        {
            throw new LogCorruptedException(stored, $"entry holds zxid {record.Zxid}");
        }

        if (!Follows(previous, stored, record.Body))
        {
            var reason = stored.Counter == 0 || stored.Epoch != previous.Epoch
                ? $"epoch {stored.Epoch} does not open with its marker after {previous}"
                : $"gap after {previous}";
            throw new LogCorruptedException(stored, reason);
        }

        return record;
    }

    /// <summary>Verifies a page read after <paramref name="after"/>; throws at the first entry that cannot be trusted.</summary>
    internal static IReadOnlyList<TxnRecord> VerifyPage(Zxid after, IReadOnlyList<StoredEntry> rows)
    {
        var records = new TxnRecord[rows.Count];
        var previous = after;
        for (var i = 0; i < rows.Count; i++)
        {
            var (zxid, body, crc) = rows[i];
            records[i] = Verify(previous, zxid, body, crc);
            previous = zxid;
        }

        return records;
    }

    /// <summary>
    /// Argument checks every <see cref="ITransactionLog.AppendAsync"/> makes before touching its store.
    /// </summary>
    /// <returns>False for an empty batch, which stores nothing.</returns>
    internal static bool IsAppendWork(long epoch, IReadOnlyList<TxnRecord> txns)
    {
        ArgumentNullException.ThrowIfNull(txns);
        if (epoch <= 0)
        {
            throw new InvalidOperationException("Appends need an epoch from BeginEpochAsync.");
        }

        return txns.Count > 0;
    }
}
