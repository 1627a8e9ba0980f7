using System.Diagnostics;
using System.Text;
using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Faults;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>What a run did and what the checks found.</summary>
internal sealed record RunReport(
    RunOptions Options,
    HistoryReport Registers,
    HistoryReport Sets,
    int UnknownOperations,
    int SessionObservations,
    int Sessions,
    int LockGrants,
    int DoomedSessions,
    IReadOnlyList<FaultEvent> Faults,
    long Origin,
    IReadOnlyList<string> SessionViolations,
    IReadOnlyList<string> LockViolations,
    IReadOnlyList<string> EphemeralViolations,
    TimeSpan SessionCheckTime)
{
    public IEnumerable<string> Violations =>
        Registers.Failures.Concat(Sets.Failures).Concat(SessionViolations).Concat(LockViolations).Concat(EphemeralViolations);

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"run of {Options.Duration.TotalSeconds:0} s, faults {string.Join("/", Options.Faults)}, seed {Options.Seed}: " +
            $"{Options.DotNetWorkers} .NET + {Options.WireWorkers} ZooKeeper-protocol clients, a sync+reader pinned to each silo, {Options.LockWorkersEach * 2} lock contenders");
        foreach (var fault in Faults)
        {
            text.AppendLine("  fault " + fault.Describe(Origin));
        }

        AppendHistory(text, "registers (linearizable: writes, compare-and-sets, sync+reads)", Registers);
        AppendHistory(text, "sets (linearizable: sequential creates, sync+listings)", Sets);
        text.AppendLine($"  {UnknownOperations} operations of unknown outcome; {SessionObservations} observations of {Sessions} sessions checked for session order in {SessionCheckTime.TotalMilliseconds:F0} ms");
        text.AppendLine($"  {LockGrants} lock grants checked; {DoomedSessions} sessions expired with their ephemerals checked");
        var violations = Violations.ToList();
        text.AppendLine(violations.Count == 0 ? "  no violations" : $"  {violations.Count} violations:");
        foreach (var violation in violations)
        {
            text.AppendLine(violation);
        }

        return text.ToString();
    }

    private static void AppendHistory(StringBuilder text, string what, HistoryReport report)
    {
        text.AppendLine($"  {what}: {report.Operations} operations, checked in {report.Elapsed.TotalMilliseconds:F0} ms " +
            $"({report.ConfigurationsExplored:N0} configurations)");
        foreach (var key in report.Keys)
        {
            text.AppendLine($"    {key.Key}: {key.Result.Operations} operations, {key.Result.Verdict}, {key.Result.Elapsed.TotalMilliseconds:F0} ms");
        }
    }

    public static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}
