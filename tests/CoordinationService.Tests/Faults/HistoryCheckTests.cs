namespace CoordinationService.Tests.Faults;

/// <summary>The fault test's end check itself: it passes a consistent history and names each kind of anomaly.</summary>
public sealed class HistoryCheckTests
{
    private static OpRecord Op(OpKind kind, long seq, Outcome outcome, long zxid = 0, string? path = null, int version = -1, string? data = null) =>
        new(kind, seq, $"c:{seq}", seq, 0) { Result = new OpResult(outcome, zxid, path, version, data) };

    private static string Name(long n) => $"w-{n:D10}";

    private static IReadOnlyList<OpRecord> Consistent() =>
    [
        Op(OpKind.Create, 1, Outcome.Acked, 10, "/faults/c/" + Name(0)),
        Op(OpKind.Create, 2, Outcome.Unknown),
        Op(OpKind.Set, 3, Outcome.Acked, 12, version: 1),
        Op(OpKind.Get, 4, Outcome.Acked, 12, version: 1, data: "c:3"),
        Op(OpKind.Create, 5, Outcome.Acked, 13, "/faults/c/" + Name(2)),
        Op(OpKind.Set, 6, Outcome.Unknown),
        Op(OpKind.Get, 7, Outcome.Acked, 14, version: 2, data: "c:6"),
    ];

    private static IReadOnlyList<FinalNode> ConsistentNodes() =>
        [new(Name(0), "c:1", 10), new(Name(1), "c:2", 11), new(Name(2), "c:5", 13)];

    [Fact]
    public void AConsistentHistoryPasses()
    {
        var verdict = HistoryCheck.Verify("c", Consistent(), ConsistentNodes(), new FinalRegister("c:6", 2));
        Assert.Empty(verdict.Violations);
        Assert.Equal(1, verdict.UnknownCreatesPresent);
    }

    [Fact]
    public void AMissingAcknowledgedCreateIsAViolation()
    {
        var nodes = ConsistentNodes().Where(n => n.Payload != "c:5").ToList();
        var verdict = HistoryCheck.Verify("c", Consistent(), nodes, new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.Contains("c:5") && v.Contains("missing"));
    }

    [Fact]
    public void AWriteAppliedTwiceIsAViolation()
    {
        var nodes = ConsistentNodes().Append(new FinalNode(Name(3), "c:2", 15)).ToList();
        var verdict = HistoryCheck.Verify("c", Consistent(), nodes, new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.Contains("c:2") && v.Contains("2 times"));
    }

    [Fact]
    public void AcknowledgementsOutOfOrderAreAViolation()
    {
        var ops = Consistent().ToList();
        ops[4] = Op(OpKind.Create, 5, Outcome.Acked, 9, "/faults/c/" + Name(2));
        var nodes = ConsistentNodes().Select(n => n.Payload == "c:5" ? n with { Czxid = 9 } : n).ToList();
        var verdict = HistoryCheck.Verify("c", ops, nodes, new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.Contains("c:5") && v.Contains("not after"));
    }

    [Fact]
    public void AnUnknownWriteAppliedAfterALaterOneIsAViolation()
    {
        var nodes = ConsistentNodes().Select(n => n.Payload == "c:2" ? n with { Name = Name(3), Czxid = 14 } : n).ToList();
        var verdict = HistoryCheck.Verify("c", Consistent(), nodes, new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.Contains("c:5") && v.Contains("before c:2"));
    }

    [Fact]
    public void ANodeNoCreateIssuedIsAViolation()
    {
        var nodes = ConsistentNodes().Append(new FinalNode(Name(3), "c:99", 15)).ToList();
        var verdict = HistoryCheck.Verify("c", Consistent(), nodes, new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.Contains("c:99"));
    }

    [Fact]
    public void ARegisterThatLostAnAcknowledgedSetIsAViolation()
    {
        var verdict = HistoryCheck.Verify("c", Consistent(), ConsistentNodes(), new FinalRegister("c:3", 0));
        Assert.Contains(verdict.Violations, v => v.Contains("version 0"));
    }

    [Fact]
    public void ASetAppliedTwiceShowsInTheVersion()
    {
        var verdict = HistoryCheck.Verify("c", Consistent(), ConsistentNodes(), new FinalRegister("c:6", 3));
        Assert.Contains(verdict.Violations, v => v.Contains("version 3"));
    }

    [Fact]
    public void AReadThatMissesTheSessionsOwnWriteIsAViolation()
    {
        var ops = Consistent().ToList();
        ops[3] = Op(OpKind.Get, 4, Outcome.Acked, 11, version: 0, data: "");
        var verdict = HistoryCheck.Verify("c", ops, ConsistentNodes(), new FinalRegister("c:6", 2));
        Assert.Contains(verdict.Violations, v => v.StartsWith("read 4"));
    }
}
