namespace CoordinationService.Tests.Linearizability.Sessions;

/// <summary>
/// What one session saw of one key in one operation, for the session-order check: the version of the
/// key it read or wrote and the zxid that version was made at (mzxid; for a parent's children, cversion
/// and pzxid), the highest zxid the session had seen before it sent the request, and the zxid the reply
/// carried (0 when the client does not expose it). <see cref="Order"/> is the operation's place among
/// the session's own, which complete in the order issued.
/// </summary>
public sealed record SessionObservation(
    string Client,
    long Session,
    long Order,
    string Key,
    bool IsRead,
    long SeenBefore,
    long ReplyZxid,
    int Version,
    long VersionZxid,
    long Invoked,
    long Completed)
{
    public string Describe() =>
        $"{Client} session 0x{Session:x} op {Order} {(IsRead ? "read" : "write")} {Key} -> version {Version} (made at zxid 0x{VersionZxid:x}), " +
        $"having seen zxid 0x{SeenBefore:x}{(ReplyZxid > 0 ? $", reply zxid 0x{ReplyZxid:x}" : string.Empty)}";
}
