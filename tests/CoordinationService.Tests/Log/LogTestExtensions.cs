using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

internal static class LogTestExtensions
{
    /// <summary>Appends <paramref name="count"/> small writes right after the log's last zxid, as a leader would.</summary>
    public static async Task<IReadOnlyList<TxnRecord>> AppendWritesAsync(this ITransactionLog log, long epoch, int count)
    {
        var writes = SampleTxns.Writes(await log.GetLastZxidAsync(CancellationToken.None), count);
        await log.AppendAsync(epoch, writes, CancellationToken.None);
        return writes;
    }

    public static Task<IReadOnlyList<TxnRecord>> ReadAllAsync(this ITransactionLog log) =>
        log.ReadAfterAsync(Zxid.Zero, int.MaxValue, CancellationToken.None);

    public static async Task<KeyValueState> ReplayAllAsync(this ITransactionLog log)
    {
        var state = new KeyValueState();
        await LogRecovery.ReplayAsync(log, Zxid.Zero, state.Apply, pageSize: 16, CancellationToken.None);
        return state;
    }
}
