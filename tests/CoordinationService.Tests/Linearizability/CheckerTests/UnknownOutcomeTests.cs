using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Models;
using static CoordinationService.Tests.Linearizability.Models.RegisterCall;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

/// <summary>An operation of unknown outcome may take effect at any time after its invocation, or never — but only once, and never undone.</summary>
[Trait("Category", "Linearizability")]
public sealed class UnknownOutcomeTests
{
    private static readonly LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult> Checker = new(new RegisterModel("init"));

    private static TestHistory<RegisterCall, RegisterResult> History() => new();

    [Fact]
    public void AnUnknownWriteMayHaveHappened()
    {
        var history = History()
            .Unknown(1, 0, new Write("a"))
            .Ok(2, 20, 30, Read.Instance, new RegisterResult("a", 1));
        Assert.True(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownWriteMayNeverHaveHappened()
    {
        var history = History()
            .Unknown(1, 0, new Write("a"))
            .Ok(2, 20, 30, Read.Instance, new RegisterResult("init", 0))
            .Ok(2, 1_000, 1_010, Read.Instance, new RegisterResult("init", 0));
        Assert.True(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownWriteMayTakeEffectLongAfterItsInvocation()
    {
        // Its request was delayed past a later acknowledged write.
        var history = History()
            .Unknown(1, 0, new Write("a"))
            .Ok(2, 100, 110, new Write("b"), new RegisterResult(null, 1))
            .Ok(3, 200, 210, Read.Instance, new RegisterResult("a", 2));
        Assert.True(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownWriteCannotTakeEffectBeforeItsInvocation()
    {
        var history = History()
            .Ok(2, 0, 10, Read.Instance, new RegisterResult("a", 1))
            .Unknown(1, 20, new Write("a"));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownWriteCannotBeUndone()
    {
        var history = History()
            .Unknown(1, 0, new Write("a"))
            .Ok(2, 20, 30, Read.Instance, new RegisterResult("a", 1))
            .Ok(2, 40, 50, Read.Instance, new RegisterResult("init", 0));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownWriteTakesEffectAtMostOnce()
    {
        var history = History()
            .Unknown(1, 0, new Write("a"))
            .Ok(2, 20, 30, Read.Instance, new RegisterResult("a", 1))
            .Ok(3, 40, 50, new Write("b"), new RegisterResult(null, 2))
            .Ok(2, 60, 70, Read.Instance, new RegisterResult("a", 3));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownCompareAndSetExplainsAVersionGapOnlyWhenItCouldApply()
    {
        var applies = History()
            .Unknown(1, 0, new CompareAndSet(0, "a"))
            .Ok(2, 20, 30, new Write("b"), new RegisterResult(null, 2));
        Assert.True(Checker.Check(applies.Operations).IsLinearizable);

        var wrongVersion = History()
            .Unknown(1, 0, new CompareAndSet(5, "a"))
            .Ok(2, 20, 30, new Write("b"), new RegisterResult(null, 2));
        Assert.False(Checker.Check(wrongVersion.Operations).IsLinearizable);
    }

    [Fact]
    public void ManyUnknownWritesThatNeverHappenedDoNotBlowUpTheSearch()
    {
        // As during a database outage: every write times out, none took effect, reads keep answering.
        var history = History();
        for (var i = 0; i < 200; i++)
        {
            history.Unknown(1 + (i % 10), i * 10, new Write($"lost{i}"));
            history.Ok(20, (i * 10) + 5, (i * 10) + 6, Read.Instance, new RegisterResult("init", 0));
        }

        history.Ok(21, 5_000, 5_010, new Write("after"), new RegisterResult(null, 1));
        history.Ok(21, 5_020, 5_030, Read.Instance, new RegisterResult("after", 1));
        var report = Checker.Check(history.Operations);
        Assert.True(report.IsLinearizable, string.Join("\n", report.Failures));
        Assert.True(report.ConfigurationsExplored < 10_000, $"{report.ConfigurationsExplored} configurations");
    }
}
