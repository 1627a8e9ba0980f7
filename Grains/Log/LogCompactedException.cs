using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>
/// The entries after <see cref="Requested"/> were dropped by compaction: the reader must load the
/// latest snapshot and replay from there instead.
/// </summary>
public sealed class LogCompactedException(Zxid requested, Zxid compactedTo)
    : Exception($"Log entries after {requested} were compacted; the log starts after {compactedTo}.")
{
    public Zxid Requested { get; } = requested;

    public Zxid CompactedTo { get; } = compactedTo;
}
