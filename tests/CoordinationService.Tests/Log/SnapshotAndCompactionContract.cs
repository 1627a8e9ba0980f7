using CoordinationService.Log;
using CoordinationService.Model;

namespace CoordinationService.Tests.Log;

/// <summary>Snapshots and compaction never cost the ability to recover.</summary>
public abstract class SnapshotAndCompactionContract(Func<Task<LogTestStore>> newStore) : LogContract(newStore)
{
    [Fact]
    public async Task LatestSnapshotPlusReplayRecoversEverything()
    {
        await using var dir = await NewStoreAsync();
        var (leader, epoch) = await dir.OpenLeaderAsync();
        await leader.AppendWritesAsync(epoch, 10);
        await SnapshotAtLastAsync(leader);
        await leader.AppendWritesAsync(epoch, 20);
        await SnapshotAtLastAsync(leader);
        await leader.AppendWritesAsync(epoch, 15);
        var nextEpoch = (await leader.BeginEpochAsync(None)).Epoch;
        await leader.AppendWritesAsync(nextEpoch, 7);
        var expected = (await leader.ReplayAllAsync()).Digest();
        await leader.DisposeAsync();

        var restarted = await dir.OpenAsync();
        var snapshot = await restarted.LoadLatestSnapshotAsync(None);

        Assert.NotNull(snapshot);
        Assert.Equal(Zxid.Create(epoch, 30), snapshot.Zxid);
        var state = KeyValueState.FromSnapshot(snapshot.Data);
        var last = await LogRecovery.ReplayAsync(restarted, snapshot.Zxid, state.Apply, pageSize: 4, None);
        Assert.Equal(Zxid.Create(nextEpoch, 7), last);
        Assert.Equal(expected, state.Digest());
    }

    [Fact]
    public async Task EmptyLogHasNoSnapshotAndAnEmptySnapshotRoundTrips()
    {
        await using var dir = await NewStoreAsync();
        var log = await dir.OpenAsync();
        Assert.Null(await log.LoadLatestSnapshotAsync(None));

        await log.SaveSnapshotAsync(Zxid.Zero, ReadOnlyMemory<byte>.Empty, None);

        var snapshot = await log.LoadLatestSnapshotAsync(None);
        Assert.Equal(Zxid.Zero, snapshot?.Zxid);
        Assert.Empty(snapshot!.Data);
        await Assert.ThrowsAsync<InvalidOperationException>(() => log.SaveSnapshotAsync(Zxid.Create(1, 1), new byte[] { 1 }, None));
    }

    [Fact]
    public async Task DamagedSnapshotIsNeverLoaded()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        await log.AppendWritesAsync(epoch, 5);
        var intact = await SnapshotAtLastAsync(log);
        await log.AppendWritesAsync(epoch, 5);
        var damaged = await SnapshotAtLastAsync(log);
        await dir.ExecuteRawAsync("UPDATE snapshots SET crc = crc + 1 WHERE zxid = @zxid", ("@zxid", damaged.Value));

        Assert.Equal(intact, (await log.LoadLatestSnapshotAsync(None))?.Zxid);

        await dir.ExecuteRawAsync("UPDATE snapshots SET crc = crc + 1 WHERE zxid = @zxid", ("@zxid", intact.Value));
        var error = await Assert.ThrowsAsync<LogCorruptedException>(() => log.LoadLatestSnapshotAsync(None));
        Assert.Equal(damaged, error.Where);
    }

    [Fact]
    public async Task CompactionKeepsWhatRecoveryNeeds()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        var first = await log.AppendWritesAsync(epoch, 20);

        // No snapshot yet: recovery needs every entry, so nothing goes.
        await log.CompactAsync(first[^1].Zxid, None);
        Assert.Equal(21, (await log.ReadAllAsync()).Count);

        var older = await SnapshotAtLastAsync(log);
        await log.AppendWritesAsync(epoch, 40);
        var kept = await SnapshotAtLastAsync(log);
        var tail = await log.AppendWritesAsync(epoch, 40);
        await log.SaveSnapshotAsync(tail[^1].Zxid, new byte[] { 1, 2, 3 }, None);
        var expected = (await log.ReplayAllAsync()).Digest();

        await log.CompactAsync(tail[20].Zxid, None);

        var error = await Assert.ThrowsAsync<LogCompactedException>(() => log.ReadAfterAsync(older, 10, None));
        Assert.Equal(kept, error.CompactedTo);
        var remaining = await log.ReadAfterAsync(kept, int.MaxValue, None);
        Assert.Equal(tail.Select(r => r.Zxid), remaining.Select(r => r.Zxid));
        Assert.Equal(tail[^1].Zxid, (await log.LoadLatestSnapshotAsync(None))?.Zxid);
        var snapshots = await dir.QueryRawAsync("SELECT zxid FROM snapshots ORDER BY zxid");
        Assert.Equal([kept.Value, tail[^1].Zxid.Value], snapshots.Select(Convert.ToInt64));

        // The newest snapshot is damaged: recovery falls back to the one compaction kept, with its log.
        await dir.ExecuteRawAsync("UPDATE snapshots SET crc = crc + 1 WHERE zxid = @zxid", ("@zxid", tail[^1].Zxid.Value));
        await log.CompactAsync(tail[^1].Zxid, None);
        var snapshot = await log.LoadLatestSnapshotAsync(None);
        Assert.Equal(kept, snapshot?.Zxid);
        var state = KeyValueState.FromSnapshot(snapshot!.Data);
        await LogRecovery.ReplayAsync(log, snapshot.Zxid, state.Apply, pageSize: 16, None);
        Assert.Equal(expected, state.Digest());
    }

    [Fact]
    public async Task CompactingEverythingKeepsTheLastZxidAndTheFence()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        await log.AppendWritesAsync(epoch, 5);
        var last = await SnapshotAtLastAsync(log);

        await log.CompactAsync(last, None);

        Assert.Empty(await log.ReadAfterAsync(last, 10, None));
        Assert.Equal(last, await log.GetLastZxidAsync(None));
        var more = await log.AppendWritesAsync(epoch, 2);
        Assert.Equal(last.Next(), more[0].Zxid);
        var next = await log.BeginEpochAsync(None);
        Assert.Equal(epoch + 1, next.Epoch);
        Assert.Equal(more[^1].Zxid, next.LastZxidBefore);
    }

    private static async Task<Zxid> SnapshotAtLastAsync(ITransactionLog log)
    {
        var state = new KeyValueState();
        var last = await LogRecovery.ReplayAsync(log, Zxid.Zero, state.Apply, pageSize: 64, None);
        await log.SaveSnapshotAsync(last, state.ToSnapshot(), None);
        return last;
    }
}
