using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

/// <summary>Damage made with raw SQL in the store is reported, never applied.</summary>
public abstract class CorruptionContract(Func<Task<LogTestStore>> newStore) : LogContract(newStore)
{
    [Fact]
    public async Task CorruptEntryIsReportedNotApplied()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        var written = await log.AppendWritesAsync(epoch, 10);
        var damaged = written[4].Zxid;
        await FlipByteAsync(dir, damaged, offset: 30);

        var applied = new List<TxnRecord>();
        var error = await Assert.ThrowsAsync<LogCorruptedException>(
            () => LogRecovery.ReplayAsync(log, Zxid.Zero, applied.Add, pageSize: 1, None));

        Assert.Equal(damaged, error.Where);
        Assert.Contains("checksum", error.Reason);
        Assert.Equal(written.Take(4).Select(r => r.Zxid), applied.Skip(1).Select(r => r.Zxid));
        // A page holding the damaged entry is refused whole, not returned up to it.
        await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAfterAsync(written[2].Zxid, 5, None));
        Assert.Equal(5, (await log.ReadAfterAsync(damaged, 100, None)).Count);
    }

    [Fact]
    public async Task EntryWithMatchingChecksumButWrongContentIsReported()
    {
        await using var dir = await NewStoreAsync();
        var (log, epoch) = await dir.OpenLeaderAsync();
        var written = await log.AppendWritesAsync(epoch, 3);

        // A body stored under the wrong key, checksum recomputed: only the decoded zxid gives it away.
        var moved = TxnCodec.Encode(written[2] with { Zxid = written[1].Zxid });
        await dir.ExecuteRawAsync(
            "UPDATE txns SET body = @body, crc = @crc WHERE zxid = @zxid",
            ("@body", moved), ("@crc", (long)LogChecksum.Compute(moved)), ("@zxid", written[2].Zxid.Value));
        byte[] garbage = [TxnCodec.FormatVersion, 1, 2, 3];
        await dir.ExecuteRawAsync(
            "UPDATE txns SET body = @body, crc = @crc WHERE zxid = @zxid",
            ("@body", garbage), ("@crc", (long)LogChecksum.Compute(garbage)), ("@zxid", written[1].Zxid.Value));

        var undecodable = await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAfterAsync(written[0].Zxid, 10, None));
        var misplaced = await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAfterAsync(written[1].Zxid, 10, None));

        Assert.Equal(written[1].Zxid, undecodable.Where);
        Assert.IsType<InvalidDataException>(undecodable.InnerException);
        Assert.Equal(written[2].Zxid, misplaced.Where);
    }

    [Fact]
    public async Task GapInLogIsReported()
    {
        await using var dir = await NewStoreAsync();
        var (log, firstEpoch) = await dir.OpenLeaderAsync();
        var written = await log.AppendWritesAsync(firstEpoch, 6);
        var secondEpoch = await log.BeginEpochAsync(None);
        var later = await log.AppendWritesAsync(secondEpoch.Epoch, 2);

        await dir.ExecuteRawAsync("DELETE FROM txns WHERE zxid = @zxid", ("@zxid", written[2].Zxid.Value));
        await dir.ExecuteRawAsync("DELETE FROM txns WHERE zxid = @zxid", ("@zxid", secondEpoch.MarkerZxid.Value));

        var gap = await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAllAsync());
        Assert.Equal(written[3].Zxid, gap.Where);
        Assert.Contains("gap", gap.Reason);
        // Also when the hole is right at the reader's starting point.
        var atStart = await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAfterAsync(written[1].Zxid, 1, None));
        Assert.Equal(written[3].Zxid, atStart.Where);
        var unopenedEpoch = await Assert.ThrowsAsync<LogCorruptedException>(() => log.ReadAfterAsync(written[^1].Zxid, 10, None));
        Assert.Equal(later[0].Zxid, unopenedEpoch.Where);
        Assert.Contains("marker", unopenedEpoch.Reason);
    }

    private static async Task FlipByteAsync(LogTestStore dir, Zxid zxid, int offset)
    {
        var body = (byte[])(await dir.QueryRawAsync("SELECT body FROM txns WHERE zxid = @zxid", ("@zxid", zxid.Value))).Single();
        body[offset] ^= 0x40;
        await dir.ExecuteRawAsync("UPDATE txns SET body = @body WHERE zxid = @zxid", ("@body", body), ("@zxid", zxid.Value));
    }
}
