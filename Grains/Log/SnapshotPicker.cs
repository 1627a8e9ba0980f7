using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>
/// Chooses the snapshot recovery starts from. A store offers its snapshots newest first and stops
/// at the first intact one; damaged ones are remembered so the caller can say which it skipped.
/// </summary>
internal sealed class SnapshotPicker
{
    private readonly List<Zxid> _skipped = [];

    public StoredSnapshot? Picked { get; private set; }

    public IReadOnlyList<Zxid> Skipped => _skipped;

    /// <returns>True once an intact snapshot is picked: older ones need not be read.</returns>
    public bool Offer(Zxid zxid, byte[] data, uint crc)
    {
        if (LogChecksum.Compute(data) != crc)
        {
            _skipped.Add(zxid);
            return false;
        }

        Picked = new StoredSnapshot(zxid, data);
        return true;
    }

    /// <summary>The picked snapshot for recovery, or null when recovery may start from an empty state.</summary>
    public StoredSnapshot? ForRecovery(LogState state)
    {
        if (Picked is null && _skipped.Count > 0)
        {
            throw new LogCorruptedException(_skipped[0], "snapshot checksum mismatch, and no older intact snapshot to recover from");
        }

        if (Picked is null && state.CompactedTo > Zxid.Zero)
        {
            throw new LogCorruptedException(state.CompactedTo, "log compacted but the snapshot it was compacted to is missing");
        }

        return Picked;
    }
}
