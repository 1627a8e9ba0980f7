using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Log;

public static class LogRecovery
{
    /// <summary>
    /// Applies every txn after <paramref name="from"/> in order, a page at a time, and returns the
    /// last zxid applied (<paramref name="from"/> if there was none). A damaged entry stops the
    /// replay with <see cref="LogCorruptedException"/> before it is applied.
    /// </summary>
    public static async Task<Zxid> ReplayAsync(ITransactionLog log, Zxid from, Action<TxnRecord> apply, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);

        var last = from;
        while (true)
        {
            // No ConfigureAwait(false): apply runs where the caller runs, a grain's scheduler included.
            var page = await log.ReadAfterAsync(last, pageSize, ct);
            foreach (var record in page)
            {
                apply(record);
                last = record.Zxid;
            }

            // ReadAfterAsync returns a short page only at the end of the log.
            if (page.Count < pageSize)
            {
                return last;
            }
        }
    }
}
