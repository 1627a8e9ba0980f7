using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Models;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

[Trait("Category", "Linearizability")]
public sealed class SetLinearizabilityTests
{
    private static readonly LinearizabilityChecker<SetState, SetCall, SetResult?> Checker = new(new SequentialSetModel());

    private static TestHistory<SetCall, SetResult?> History() => new();

    private static SetCall Add(string element) => new SetCall.Add(element);

    private static SetResult Listed(params (string Element, int Sequence)[] members) =>
        SetResult.Listed(members.Select(m => new SetMember(m.Element, m.Sequence)));

    [Fact]
    public void ConcurrentAddsAreNumberedInSomeOrderEveryReadAgreesWith()
    {
        var history = History()
            .Ok(1, 0, 100, Add("x"), SetResult.Added(1))
            .Ok(2, 0, 100, Add("y"), SetResult.Added(0))
            .Ok(3, 50, 60, SetCall.Read.Instance, Listed(("y", 0)))
            .Ok(3, 200, 210, SetCall.Read.Instance, Listed(("y", 0), ("x", 1)));
        Assert.True(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void TwoAddsCannotGetTheSameNumber()
    {
        var history = History()
            .Ok(1, 0, 10, Add("x"), SetResult.Added(0))
            .Ok(2, 20, 30, Add("y"), SetResult.Added(0));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AReadAfterAnAcknowledgedAddMustListIt()
    {
        var history = History()
            .Ok(1, 0, 10, Add("x"), SetResult.Added(0))
            .Ok(2, 20, 30, SetCall.Read.Instance, Listed());
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AnElementOnceListedStaysListed()
    {
        var history = History()
            .Ok(1, 0, 100, Add("x"), SetResult.Added(0))
            .Ok(2, 10, 20, SetCall.Read.Instance, Listed(("x", 0)))
            .Ok(3, 30, 40, SetCall.Read.Instance, Listed());
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void NumbersHaveNoGapsWithoutAnUnknownAddToFillThem()
    {
        var gap = History()
            .Ok(1, 0, 10, Add("x"), SetResult.Added(0))
            .Ok(1, 20, 30, Add("y"), SetResult.Added(2));
        Assert.False(Checker.Check(gap.Operations).IsLinearizable);

        var filled = History()
            .Ok(1, 0, 10, Add("x"), SetResult.Added(0))
            .Unknown(2, 5, Add("z"))
            .Ok(1, 20, 30, Add("y"), SetResult.Added(2))
            .Ok(3, 40, 50, SetCall.Read.Instance, Listed(("x", 0), ("z", 1), ("y", 2)));
        Assert.True(Checker.Check(filled.Operations).IsLinearizable);
    }

    [Fact]
    public void AnUnknownAddThatFilledAGapMustBeListed()
    {
        var history = History()
            .Ok(1, 0, 10, Add("x"), SetResult.Added(0))
            .Unknown(2, 5, Add("z"))
            .Ok(1, 20, 30, Add("y"), SetResult.Added(2))
            .Ok(3, 40, 50, SetCall.Read.Instance, Listed(("x", 0), ("y", 2)));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void UnknownAddsMayAppearLateOrNever()
    {
        var history = History()
            .Unknown(1, 0, Add("x"))
            .Unknown(2, 0, Add("y"))
            .Ok(3, 10, 20, SetCall.Read.Instance, Listed())
            .Ok(3, 30, 40, SetCall.Read.Instance, Listed(("y", 0)))
            .Ok(4, 50, 60, Add("w"), SetResult.Added(1))
            .Ok(3, 70, 80, SetCall.Read.Instance, Listed(("y", 0), ("w", 1)));
        Assert.True(Checker.Check(history.Operations).IsLinearizable);
    }
}
