using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

/// <summary>Invariants 1 and 2 for any <see cref="ITransactionLog"/>: every append is kept, in order, and nothing else is.</summary>
public abstract class AppendContract(Func<Task<LogTestStore>> newStore) : LogContract(newStore)
{
    [Fact]
    public async Task AppendedTxnsReadBackInOrder()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();

        var expected = new List<TxnRecord> { (await log.ReadAllAsync()).Single() };
        var counter = 0L;
        // Every kind in one batch, then batches of the sizes a leader's group commit produces.
        var everyKind = SampleTxns.EveryKind().Select(body => new TxnRecord(Zxid.Create(epoch, ++counter), 17, new SessionId(5), body)).ToList();
        await log.AppendAsync(epoch, everyKind, None);
        expected.AddRange(everyKind);
        foreach (var size in new[] { 1, 2, 64, 500, 3 })
        {
            expected.AddRange(await log.AppendWritesAsync(epoch, size));
        }

        var all = await log.ReadAllAsync();
        Assert.Equal(expected.Count, all.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            TxnComparer.AssertEqual(expected[i], all[i]);
        }

        var paged = new List<TxnRecord>();
        var last = await LogRecovery.ReplayAsync(log, Zxid.Zero, paged.Add, pageSize: 7, None);
        Assert.Equal(expected.Select(r => r.Zxid), paged.Select(r => r.Zxid));
        Assert.Equal(expected[^1].Zxid, last);
        Assert.Equal(expected[^1].Zxid, await log.GetLastZxidAsync(None));

        var tail = await log.ReadAfterAsync(expected[100].Zxid, 10, None);
        Assert.Equal(expected.Skip(101).Take(10).Select(r => r.Zxid), tail.Select(r => r.Zxid));
        Assert.Empty(await log.ReadAfterAsync(expected[^1].Zxid, 10, None));
    }

    [Fact]
    public async Task AppendThatDoesNotContinueTheLogIsRefusedAndWritesNothing()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        var written = await log.AppendWritesAsync(epoch, 3);
        var last = written[^1].Zxid;

        TxnRecord At(Zxid zxid) => new(zxid, 0, SessionId.None, new DeleteTxn("/x"));
        IReadOnlyList<TxnRecord>[] refused =
        [
            [At(last)],                                   // repeats the stored maximum
            [At(last.Next().Next())],                     // skips one
            [At(last.Next()), At(last.Next())],           // repeats inside the batch
            [At(last.Next()), At(last.Next().Next().Next())], // gap inside the batch
            [At(Zxid.Create(epoch + 1, 1))],              // an epoch not begun
        ];
        foreach (var batch in refused)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => log.AppendAsync(epoch, batch, None));
        }

        Assert.Equal(last, await log.GetLastZxidAsync(None));
        Assert.Equal(4, (await log.ReadAllAsync()).Count);
    }

    [Fact]
    public async Task ReopenedLogKeepsEveryAppend()
    {
        await using var dir = await NewStoreAsync();
        var (first, epoch) = await dir.OpenLeaderAsync();
        await first.AppendWritesAsync(epoch, 10);
        await first.AppendWritesAsync(epoch, 1);
        var before = await first.ReadAllAsync();
        await first.DisposeAsync();

        var reopened = await dir.OpenAsync();

        var after = await reopened.ReadAllAsync();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            TxnComparer.AssertEqual(before[i], after[i]);
        }

        // The fence survives too: the same epoch may go on appending, and the next leader starts above it.
        await reopened.AppendWritesAsync(epoch, 2);
        var next = await reopened.BeginEpochAsync(None);
        Assert.Equal(epoch + 1, next.Epoch);
        Assert.Equal(before[^1].Zxid.Value + 2, next.LastZxidBefore.Value);
    }

    [Fact]
    public async Task DisposedLogRefusesCalls()
    {
        await using var dir = await NewStoreAsync();
        var log = await dir.OpenAsync();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.GetLastZxidAsync(None));
        await log.DisposeAsync();
    }
}
