using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>
/// Stored data failed a check (checksum, decoding, zxid order). Nothing at or after
/// <see cref="Where"/> was returned; recovery must stop there rather than apply damaged history.
/// </summary>
public sealed class LogCorruptedException(Zxid where, string reason, Exception? inner = null)
    : Exception($"Log corrupted at {where}: {reason}", inner)
{
    public Zxid Where { get; } = where;

    public string Reason { get; } = reason;
}
