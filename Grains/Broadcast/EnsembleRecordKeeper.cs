using Orleans.Storage;
using CoordinationService.Grains;

namespace CoordinationService.Broadcast;

/// <summary>
/// Writes the leader's <see cref="EnsembleRecord"/>. An ETag conflict means someone wrote the record
/// since this leader read it: if that was a newer epoch, this leader lost the leadership race and
/// steps down (<see cref="LeaderSteppedDownException"/>); if it was an older one (a stale leader not
/// yet fenced), this leader's newer epoch stands and the write is made again on the fresh version.
/// </summary>
internal sealed class EnsembleRecordKeeper(IPersistentState<EnsembleRecord> state)
{
    // Each retry follows an older epoch's write; more than a couple in a row is not a race but a fault.
    private const int Attempts = 3;

    public EnsembleRecord Current => state.State;

    public Task ClaimAsync(long epoch, string leader, long recoveredZxid, DateTimeOffset now) =>
        WriteAsync(epoch, r => r with
        {
            Epoch = epoch,
            Leader = leader,
            ElectedAt = now,
            RecoveredZxid = recoveredZxid,
            Elections = r.Elections + 1,
        });

    public Task RecordSnapshotAsync(long epoch, long zxid) =>
        WriteAsync(epoch, r => r with { LastSnapshotZxid = Math.Max(r.LastSnapshotZxid, zxid) });

    private async Task WriteAsync(long epoch, Func<EnsembleRecord, EnsembleRecord> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = state.State;
            if (read.Epoch > epoch)
            {
                throw new LeaderSteppedDownException();
            }

            state.State = change(read);
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException) when (attempt < Attempts)
            {
                await state.ReadStateAsync();
            }
        }
    }
}
