namespace CoordinationService.Log;

/// <summary>
/// An append came from an epoch that is no longer current: a newer leader exists, nothing of the
/// batch was stored, and the caller must step down.
/// </summary>
public sealed class LogFencedException(long epoch, long currentEpoch)
    : Exception($"Append from epoch {epoch} refused: the log's current epoch is {currentEpoch}.")
{
    public long Epoch { get; } = epoch;

    public long CurrentEpoch { get; } = currentEpoch;
}
