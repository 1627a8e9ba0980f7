using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Log;

/// <summary>
/// The durable, totally ordered txn log and its snapshots (design invariants 1, 2 and 4).
/// Storage-neutral: the embedded SQLite file and the cluster's PostgreSQL keep the same promises.
/// </summary>
public interface ITransactionLog : IAsyncDisposable
{
    /// <summary>
    /// Starts a leader epoch in one atomic store transaction: the new epoch is one above both the
    /// stored current epoch and the epoch of the highest stored zxid; it becomes the current epoch
    /// and its <see cref="EpochTxn"/> is appended at counter 0. From then on appends of any older
    /// epoch fail.
    /// </summary>
    Task<EpochStart> BeginEpochAsync(CancellationToken ct);

    /// <summary>
    /// Appends a batch durably (one store transaction, one flush to disk) and returns only once it
    /// is. Throws <see cref="LogFencedException"/> and writes nothing if <paramref name="epoch"/> is
    /// no longer the current epoch; throws <see cref="InvalidOperationException"/> and writes nothing
    /// unless the zxids are in <paramref name="epoch"/> and continue the stored log without a gap.
    /// </summary>
    Task AppendAsync(long epoch, IReadOnlyList<TxnRecord> txns, CancellationToken ct);

    /// <summary>
    /// Up to <paramref name="maxCount"/> txns above <paramref name="after"/> in zxid order; fewer
    /// only at the end of the log. Every entry is checked (checksum, decoding, no gap from
    /// <paramref name="after"/> on, each epoch opened by its marker); on damage throws
    /// <see cref="LogCorruptedException"/> rather than return anything past it. Throws
    /// <see cref="LogCompactedException"/> if entries after <paramref name="after"/> were compacted away.
    /// </summary>
    Task<IReadOnlyList<TxnRecord>> ReadAfterAsync(Zxid after, int maxCount, CancellationToken ct);

    /// <summary>The highest zxid ever appended (still so after compaction), or <see cref="Zxid.Zero"/>.</summary>
    Task<Zxid> GetLastZxidAsync(CancellationToken ct);

    /// <summary>
    /// Stores a snapshot of the state after applying everything up to <paramref name="zxid"/>, which
    /// must not be above the last stored zxid. The bytes are opaque here; a checksum guards them.
    /// </summary>
    Task SaveSnapshotAsync(Zxid zxid, ReadOnlyMemory<byte> snapshot, CancellationToken ct);

    /// <summary>
    /// The newest intact snapshot the log can still be replayed after, or null if there is none and
    /// nothing was compacted. Throws <see cref="LogCorruptedException"/> if snapshots exist but none
    /// of them is intact and usable.
    /// </summary>
    Task<StoredSnapshot?> LoadLatestSnapshotAsync(CancellationToken ct);

    /// <summary>
    /// Frees space up to <paramref name="upTo"/> without losing the ability to recover: finds the
    /// newest intact snapshot at or below it, then drops the entries up to that snapshot and every
    /// older snapshot. With no such snapshot it drops nothing.
    /// </summary>
    Task CompactAsync(Zxid upTo, CancellationToken ct);
}
