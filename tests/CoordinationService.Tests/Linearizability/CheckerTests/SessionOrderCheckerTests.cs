using CoordinationService.Tests.Linearizability.Sessions;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

[Trait("Category", "Linearizability")]
public sealed class SessionOrderCheckerTests
{
    private static SessionObservation Read(long session, long order, long seen, int version, long madeAt, long reply = 0) =>
        new("test", session, order, "/k", IsRead: true, seen, reply, version, madeAt, 0, 0);

    private static SessionObservation Write(long session, long order, long seen, int version, long madeAt) =>
        new("test", session, order, "/k", IsRead: false, seen, madeAt, version, madeAt, 0, 0);

    [Fact]
    public void ASessionThatOnlyMovesForwardPasses()
    {
        var observations = new[]
        {
            Write(1, 1, 0x10, 1, 0x11),
            Read(2, 1, 0x05, 0, 0x01, reply: 0x09),
            Read(2, 2, 0x09, 1, 0x11, reply: 0x12),
            Read(1, 2, 0x11, 1, 0x11, reply: 0x11),
        };
        Assert.Empty(SessionOrderChecker.Check(observations));
    }

    [Fact]
    public void AVersionGoingBackIsCaught()
    {
        var observations = new[] { Read(1, 1, 0, 2, 0x20), Read(1, 2, 0x20, 1, 0x10) };
        Assert.Contains(SessionOrderChecker.Check(observations), v => v.StartsWith("version went back", StringComparison.Ordinal));
    }

    [Fact]
    public void AReplyZxidGoingBackIsCaught()
    {
        var observations = new[] { Read(1, 1, 0, 1, 0x10, reply: 0x30), Read(1, 2, 0x30, 1, 0x10, reply: 0x20) };
        Assert.Contains(SessionOrderChecker.Check(observations), v => v.StartsWith("reply zxid went back", StringComparison.Ordinal));
    }

    [Fact]
    public void ReadingOlderThanWhatTheSessionHasSeenIsCaught()
    {
        // Another session wrote version 2 at 0x20; this one has seen 0x25 (on another key, say) and reads version 1.
        var observations = new[] { Write(7, 1, 0x18, 2, 0x20), Read(1, 1, 0x25, 1, 0x10) };
        Assert.Contains(SessionOrderChecker.Check(observations), v => v.StartsWith("stale read", StringComparison.Ordinal));

        // Having seen only 0x1f, version 1 is still a state the session may read.
        var allowed = new[] { Write(7, 1, 0x18, 2, 0x20), Read(1, 1, 0x1f, 1, 0x10) };
        Assert.Empty(SessionOrderChecker.Check(allowed));
    }
}
