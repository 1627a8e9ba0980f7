using System.Globalization;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Linearizability.Faults;
using CoordinationService.Tests.Linearizability.Workloads;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Linearizability;

/// <summary>
/// Three cluster-mode silo processes on one PostgreSQL, clients of the .NET library and of the
/// ZooKeeper protocol working at once while a fault is injected again and again; then every write and
/// sync+read is checked for linearizability, every session for never going back in time, every lock
/// grant for mutual exclusion by fencing token, every expired session for its ephemerals going in one
/// zxid. Runs last COORD_SOAK_SECONDS each when that is set (the long form), else a short while.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Linearizability")]
public sealed class LinearizabilityUnderFaultsTests(FaultClusterFixture fixture, ITestOutputHelper output) : IClassFixture<FaultClusterFixture>
{
    private const int ShortRunSeconds = 20;

    public static TheoryData<FaultKind[]> Faults()
    {
        var data = new TheoryData<FaultKind[]>
        {
            new[] { FaultKind.KillSilo },
            new[] { FaultKind.PauseSilo },
            new[] { FaultKind.RestartPostgres },
        };
        if (SoakSeconds is not null)
        {
            data.Add([FaultKind.KillSilo, FaultKind.PauseSilo, FaultKind.RestartPostgres]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task HistoriesRecordedUnderFaultsAreLinearizableAndSessionsNeverGoBack(FaultKind[] faults)
    {
        var options = new RunOptions(
            $"/lin-{string.Join("-", faults).ToLowerInvariant()}-{Guid.NewGuid():N}"[..40],
            TimeSpan.FromSeconds(SoakSeconds ?? ShortRunSeconds),
            faults,
            Seed: SeedFromEnvironment() ?? (int)faults.Sum(f => (int)f + 1) * 7919);
        var cluster = fixture.Cluster;
        await cluster.HealAsync();

        var report = await new LinearizabilityRun(cluster, options, Log).ExecuteAsync();

        output.WriteLine(report.Describe());
        Assert.NotEmpty(report.Faults);
        Assert.True(report.Registers.Operations > 100, "the register workload did run");
        Assert.True(report.Sets.Operations > 20, "the set workload did run");
        Assert.True(report.LockGrants > 0, "the lock was granted");
        var violations = report.Violations.ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Equal(Checking.Verdict.Linearizable, Assert.Single(report.Registers.Keys.Select(k => k.Result.Verdict).Distinct()));
        Assert.Equal(Checking.Verdict.Linearizable, Assert.Single(report.Sets.Keys.Select(k => k.Result.Verdict).Distinct()));
    }

    private static int? SoakSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable("COORD_SOAK_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : null;

    private static int? SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("COORD_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
        catch (InvalidOperationException)
        {
            // The test has ended: nothing left to write to.
        }
    }
}
