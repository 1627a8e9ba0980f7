using System.Diagnostics;
using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.History;
using CoordinationService.Tests.Linearizability.Models;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

/// <summary>
/// Histories of the size a fault run records. The bound is on configurations explored, which is the
/// same on every machine; the time is printed for the record.
/// </summary>
[Trait("Category", "Linearizability")]
public sealed class CheckerPerformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 5_000)]
    [InlineData(2, 5_000)]
    [InlineData(3, 3_000)]
    public void ThousandsOfConcurrentOperationsAreCheckedWithLittleSearch(int seed, int operations)
    {
        var history = RandomRegisterHistory.Generate(seed, processes: 10, operations, unknownShare: 0.01);
        var checker = new LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult>(new RegisterModel("init"));
        var clock = Stopwatch.StartNew();
        var report = checker.Check(history);
        output.WriteLine($"{operations} operations ({history.Count(o => o.Outcome == Outcome.Unknown)} unknown): " +
            $"{report.ConfigurationsExplored:N0} configurations in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(report.IsLinearizable, string.Join("\n", report.Failures));
        Assert.True(report.ConfigurationsExplored < 20L * operations, $"{report.ConfigurationsExplored:N0} configurations");
    }

    [Fact]
    public void AStaleReadHiddenInThousandsOfOperationsIsFoundAndShownInAFewLines()
    {
        var history = RandomRegisterHistory.Generate(7, processes: 10, 4_000, unknownShare: 0.01);
        // A read late in the history answers the register's first value: long overwritten by then.
        var victim = history.Where(o => o.Call is RegisterCall.Read && o.Outcome == Outcome.Ok).OrderBy(o => o.Invoked).ElementAt(1_000);
        history[history.IndexOf(victim)] = victim with { Result = new RegisterResult("init", 0) };
        var checker = new LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult>(new RegisterModel("init"));

        var clock = Stopwatch.StartNew();
        var report = checker.Check(history);
        output.WriteLine($"checked and minimised in {clock.Elapsed.TotalMilliseconds:F0} ms");
        var violation = Assert.Single(report.Keys).Violation;
        Assert.NotNull(violation);
        output.WriteLine(violation.Description);
        Assert.Contains(victim.Id, violation.Core);
        Assert.InRange(violation.Core.Count, 1, 3);
    }
}
