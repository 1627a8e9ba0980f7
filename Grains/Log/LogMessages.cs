using CoordinationService.Model;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Log;

internal static partial class LogMessages
{
    /// <summary>Says which damaged snapshots recovery passed over: a silent fallback would hide a failing disk.</summary>
    public static StoredSnapshot? ReportSkipped(this ILogger logger, SnapshotPicker picker)
    {
        foreach (var damaged in picker.Skipped)
        {
            SkippedDamagedSnapshot(logger, damaged, picker.Picked?.Zxid ?? Zxid.Zero);
        }

        return picker.Picked;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot at {Damaged} failed its checksum; recovering from the older snapshot at {Used} instead")]
    private static partial void SkippedDamagedSnapshot(ILogger logger, Zxid damaged, Zxid used);
}
