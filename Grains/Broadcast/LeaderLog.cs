using Microsoft.Extensions.Logging;

namespace CoordinationService.Broadcast;

internal static partial class LeaderLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Leader elected on {Silo}: epoch {Epoch}, recovered to zxid 0x{Zxid:x}, {Sessions} live sessions given a fresh timeout")]
    public static partial void Elected(ILogger logger, string silo, long epoch, long zxid, int sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader epoch {Epoch} was fenced by a newer leader; stepping down")]
    public static partial void Fenced(ILogger logger, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader epoch {Epoch} lost the leadership race: the ensemble record names epoch {RecordEpoch}; stepping down")]
    public static partial void LostRace(ILogger logger, long epoch, long recordEpoch);

    [LoggerMessage(Level = LogLevel.Error, Message = "Log append failed in epoch {Epoch}; stepping down so the next leader recovers from the log")]
    public static partial void AppendFailed(ILogger logger, Exception exception, long epoch);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session 0x{Session:x} expired")]
    public static partial void SessionExpired(ILogger logger, long session);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot taken at zxid 0x{Zxid:x} ({Bytes} bytes)")]
    public static partial void SnapshotTaken(ILogger logger, long zxid, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot at zxid 0x{Zxid:x} failed; will retry after more txns")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, long zxid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader epoch {Epoch} deactivated by Orleans ({Reason}); queued writes go to the next leader")]
    public static partial void Deactivated(ILogger logger, long epoch, string? reason);
}
