using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Models;
using static CoordinationService.Tests.Linearizability.Models.RegisterCall;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

[Trait("Category", "Linearizability")]
public sealed class HistoryMinimiserTests
{
    [Fact]
    public void ALostAcknowledgedWriteIsShownAsTheReadThatMissedItAfterTheWrite()
    {
        var history = new TestHistory<RegisterCall, RegisterResult>();
        history.Ok(1, 0, 10, new Write("a"), new RegisterResult(null, 1));
        for (var i = 0; i < 20; i++)
        {
            // Unrelated traffic that is linearizable on its own.
            history.Ok(2, 20 + (i * 10), 25 + (i * 10), new CompareAndSet(1 + i, $"c{i}"), new RegisterResult(null, 2 + i));
            history.Ok(3, 21 + (i * 10), 29 + (i * 10), Read.Instance, new RegisterResult($"c{i}", 2 + i));
        }

        history.Ok(4, 300, 310, new Write("lost"), new RegisterResult(null, 22));
        history.Ok(3, 320, 330, Read.Instance, new RegisterResult("c19", 21));

        var report = new LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult>(new RegisterModel("init")).Check(history.Operations);

        var violation = Assert.Single(report.Keys).Violation;
        Assert.NotNull(violation);
        var lostWrite = history.Operations[^2].Id;
        var staleRead = history.Operations[^1].Id;
        // The read's answer is what fails; that the write ran before it is enough, whatever it answered.
        Assert.Equal([staleRead], violation.Core);
        Assert.Contains("Smallest failing sub-history", violation.Description);
        Assert.Contains($"#{lostWrite,-5} write \"lost\"", violation.Description);
    }

    [Fact]
    public void ADuplicateSequenceNumberIsShownAsTheTwoAdds()
    {
        var history = new TestHistory<SetCall, SetResult?>();
        for (var i = 0; i < 10; i++)
        {
            history.Ok(1, i * 10, (i * 10) + 5, new SetCall.Add($"e{i}"), SetResult.Added(i));
        }

        history.Ok(2, 200, 210, new SetCall.Add("twin"), SetResult.Added(4));
        history.Ok(3, 220, 230, SetCall.Read.Instance, SetResult.Listed(Enumerable.Range(0, 10).Select(i => new SetMember($"e{i}", i))));

        var report = new LinearizabilityChecker<SetState, SetCall, SetResult?>(new SequentialSetModel()).Check(history.Operations);

        var violation = Assert.Single(report.Keys).Violation;
        Assert.NotNull(violation);
        Assert.Contains(history.Operations[^2].Id, violation.Core);
        Assert.True(violation.Core.Count <= 3, violation.Description);
    }
}
