using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Models;
using static CoordinationService.Tests.Linearizability.Models.RegisterCall;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

[Trait("Category", "Linearizability")]
public sealed class RegisterLinearizabilityTests
{
    private static readonly LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult> Checker = new(new RegisterModel("init"));

    private static TestHistory<RegisterCall, RegisterResult> History() => new();

    private static RegisterResult Saw(string value, int version) => new(value, version);

    private static RegisterResult Now(int version) => new(null, version);

    [Fact]
    public void AReadConcurrentWithAWriteMaySeeEitherValue()
    {
        foreach (var (value, version) in new[] { ("init", 0), ("a", 1) })
        {
            var history = History()
                .Ok(1, 0, 100, new Write("a"), Now(1))
                .Ok(2, 50, 60, Read.Instance, Saw(value, version));
            Assert.True(Checker.Check(history.Operations).IsLinearizable, $"a read of {value}");
        }
    }

    [Fact]
    public void AReadAfterAnAcknowledgedWriteMustSeeIt()
    {
        var history = History()
            .Ok(1, 0, 10, new Write("a"), Now(1))
            .Ok(2, 20, 30, Read.Instance, Saw("init", 0));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void ReadsCannotSeeTwoConcurrentWritesInOppositeOrders()
    {
        // Both writes run the whole time; one reader sees a then b, the other b then a.
        var history = History()
            .Ok(1, 0, 100, new Write("a"), Now(1))
            .Ok(2, 0, 100, new Write("b"), Now(2))
            .Ok(3, 10, 20, Read.Instance, Saw("a", 1))
            .Ok(3, 30, 40, Read.Instance, Saw("b", 2))
            .Ok(4, 10, 20, Read.Instance, Saw("b", 1))
            .Ok(4, 30, 40, Read.Instance, Saw("a", 2));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void AReadMayNotReturnAValueNobodyWrote()
    {
        var history = History()
            .Ok(1, 0, 10, new Write("a"), Now(1))
            .Ok(2, 5, 15, Read.Instance, Saw("z", 1));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void OnlyOneOfTwoCompareAndSetsOnTheSameVersionSucceeds()
    {
        var both = History()
            .Ok(1, 0, 10, new CompareAndSet(0, "a"), Now(1))
            .Ok(2, 0, 10, new CompareAndSet(0, "b"), Now(1));
        Assert.False(Checker.Check(both.Operations).IsLinearizable);

        var one = History()
            .Ok(1, 0, 10, new CompareAndSet(0, "a"), Now(1))
            .Failed(2, 0, 10, new CompareAndSet(0, "b"))
            .Ok(3, 20, 30, Read.Instance, Saw("a", 1));
        Assert.True(Checker.Check(one.Operations).IsLinearizable);
    }

    [Fact]
    public void AFailedCompareAndSetMeansTheVersionWasDifferent()
    {
        var history = History()
            .Failed(1, 0, 10, new CompareAndSet(0, "a"))
            .Ok(2, 20, 30, Read.Instance, Saw("init", 0));
        Assert.False(Checker.Check(history.Operations).IsLinearizable);
    }

    [Fact]
    public void VersionsCountEveryWrite()
    {
        var gap = History()
            .Ok(1, 0, 10, new Write("a"), Now(1))
            .Ok(1, 20, 30, new Write("b"), Now(3));
        Assert.False(Checker.Check(gap.Operations).IsLinearizable);

        var chain = History()
            .Ok(1, 0, 10, new CompareAndSet(0, "a"), Now(1))
            .Ok(2, 5, 25, new CompareAndSet(1, "b"), Now(2))
            .Ok(3, 20, 30, new Write("c"), Now(3))
            .Ok(1, 40, 50, Read.Instance, Saw("c", 3));
        Assert.True(Checker.Check(chain.Operations).IsLinearizable);
    }

    [Fact]
    public void KeysAreCheckedSeparately()
    {
        var history = History()
            .Ok(1, 0, 10, new Write("a"), Now(1), key: "x")
            .Ok(2, 20, 30, Read.Instance, Saw("init", 0), key: "y")
            .Ok(2, 40, 50, Read.Instance, Saw("init", 0), key: "x");
        var report = Checker.Check(history.Operations);
        Assert.False(report.IsLinearizable);
        Assert.Equal(["x"], report.Keys.Where(k => !k.Result.IsLinearizable).Select(k => k.Key));
    }
}
