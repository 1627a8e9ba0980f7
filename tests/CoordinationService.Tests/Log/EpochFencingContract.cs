using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

/// <summary>Invariant 4 for any <see cref="ITransactionLog"/>: log instances on one store stand for rival leader activations.</summary>
public abstract class EpochFencingContract(Func<Task<LogTestStore>> newStore) : LogContract(newStore)
{
    [Fact]
    public async Task StaleEpochAppendIsFencedAndWritesNothing()
    {
        await using var dir = await NewStoreAsync();
        var oldLeader = await dir.OpenAsync();
        var newLeader = await dir.OpenAsync();
        var oldEpoch = (await oldLeader.BeginEpochAsync(None)).Epoch;
        var acknowledged = await oldLeader.AppendWritesAsync(oldEpoch, 5);

        var newEpoch = await newLeader.BeginEpochAsync(None);
        var stale = SampleTxns.Writes(acknowledged[^1].Zxid, 3);

        var fenced = await Assert.ThrowsAsync<LogFencedException>(() => oldLeader.AppendAsync(oldEpoch, stale, None));

        Assert.Equal(oldEpoch, fenced.Epoch);
        Assert.Equal(newEpoch.Epoch, fenced.CurrentEpoch);
        Assert.Equal(acknowledged[^1].Zxid, newEpoch.LastZxidBefore);
        var stored = await newLeader.ReadAllAsync();
        Assert.Equal(1 + acknowledged.Count + 1, stored.Count);
        Assert.DoesNotContain(stored, r => stale.Any(s => s.Zxid == r.Zxid));
        Assert.Equal(newEpoch.MarkerZxid, await oldLeader.GetLastZxidAsync(None));

        // The new leader goes on; the old one stays fenced whatever zxids it tries.
        var newWrites = await newLeader.AppendWritesAsync(newEpoch.Epoch, 2);
        await Assert.ThrowsAsync<LogFencedException>(() => oldLeader.AppendAsync(oldEpoch, SampleTxns.Writes(newWrites[^1].Zxid, 1), None));
        Assert.Equal(newWrites[^1].Zxid, await newLeader.GetLastZxidAsync(None));
    }

    [Fact]
    public async Task EpochMarkerIsAboveEveryExistingZxid()
    {
        await using var dir = await NewStoreAsync();
        var log = await dir.OpenAsync();

        var first = await log.BeginEpochAsync(None);
        Assert.Equal(new EpochStart(1, Zxid.Zero), first);
        var written = await log.AppendWritesAsync(first.Epoch, 10);

        var second = await log.BeginEpochAsync(None);
        Assert.Equal(2, second.Epoch);
        Assert.Equal(written[^1].Zxid, second.LastZxidBefore);
        Assert.True(second.MarkerZxid > written[^1].Zxid);

        // Whichever is ahead, the stored epoch or the zxids, the next epoch goes above both.
        await dir.ExecuteRawAsync("UPDATE ensemble SET current_epoch = 7");
        Assert.Equal(8, (await log.BeginEpochAsync(None)).Epoch);
        await dir.ExecuteRawAsync("UPDATE ensemble SET current_epoch = 0");
        var third = await log.BeginEpochAsync(None);
        Assert.Equal(9, third.Epoch);
        Assert.Equal(Zxid.Create(8, 0), third.LastZxidBefore);

        var markers = (await log.ReadAllAsync()).Where(r => r.Body is EpochTxn).ToList();
        Assert.Equal([1L, 2, 8, 9], markers.Select(r => ((EpochTxn)r.Body).Epoch));
        Assert.All(markers, r => Assert.Equal(0, r.Zxid.Counter));
    }

    [Fact]
    public async Task ConcurrentLeadersGetDistinctEpochsAndOnlyTheNewestAppends()
    {
        await using var dir = await NewStoreAsync();
        var silos = new[] { await dir.OpenAsync(), await dir.OpenAsync(), await dir.OpenAsync() };

        var starts = await Task.WhenAll(silos.Select(s => Task.Run(() => s.BeginEpochAsync(None))));

        Assert.Equal([1L, 2, 3], starts.Select(s => s.Epoch).Order());
        var outcomes = await Task.WhenAll(silos.Zip(starts).Select(async pair =>
        {
            try
            {
                await pair.First.AppendAsync(pair.Second.Epoch, SampleTxns.Writes(pair.Second.MarkerZxid, 1), None);
                return pair.Second.Epoch;
            }
            catch (LogFencedException)
            {
                return -1;
            }
        }));
        Assert.Equal([-1L, -1, 3], outcomes.Order());
        Assert.Equal(Zxid.Create(3, 1), (await silos[0].ReadAllAsync())[^1].Zxid);
    }
}
