using CoordinationService.Bench.Compare.Reporting;
using CoordinationService.Bench.Compare.Targets;
using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Compare;

/// <summary>
/// The comparison: <c>--runs</c> rounds; in each, one target at a time is started, given every chosen case
/// once and stopped (so none steals CPU from another), and in the last round the replicated ones also
/// lose their leader <c>--leader-kills</c> times; finally one table of medians with ratios, a results
/// file and a plot.
/// </summary>
public static class CompareRunner
{
    public static async Task<int> RunAsync(CompareOptions options, CancellationToken ct)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(p => Console.Error.WriteLine(p));
            return 2;
        }

        foreach (var fact in MachineFacts.Describe())
        {
            Console.WriteLine(fact);
        }

        var results = new ComparisonResults(options);
        try
        {
            // Rounds, not one target after another: on a shared machine the load moves over minutes, and
            // each round gives every target a fresh server and a turn under about the same load.
            for (var round = 1; round <= options.Runs; round++)
            {
                foreach (var kind in options.Targets)
                {
                    await MeasureTargetAsync(kind, round, options, results, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }

        var report = ComparisonReport.Render(results);
        Console.WriteLine();
        Console.Write(report);
        Directory.CreateDirectory(options.ResultsDirectory);
        var stem = Path.Combine(options.ResultsDirectory, results.StartedUtc.ToString("yyyyMMdd-HHmmss"));
        await File.WriteAllTextAsync(stem + ".md", report, ct);
        ComparisonPlot.Save(results, stem + ".png");
        Console.WriteLine($"Written to {stem}.md and {stem}.png");
        return results.Failures.Count > 0 || ComparisonReport.HasProblems(results) ? 3 : 0;
    }

    private static async Task MeasureTargetAsync(TargetKind kind, int round, CompareOptions options, ComparisonResults results, CancellationToken ct)
    {
        var loadBefore = LoadAverage.Now();
        Console.WriteLine();
        Console.WriteLine($"== round {round}/{options.Runs}, {kind.Title()}: starting (load average {loadBefore})");
        IComparisonTarget? target = null;
        try
        {
            target = await StartAsync(kind, options, ct);
            results.Descriptions[kind] = target.Description;
            Console.WriteLine($"   {target.Description}");
            string failoverPath;
            await using (var context = await CaseContext.OpenAsync(target, options, ct))
            {
                failoverPath = context.Nodes.Paths[0];
                await RunCasesAsync(context, round, results, ct);
            }

            // In the last round only: a target that just lost its leader is not the one the next round measures.
            if (round == options.Runs && target is IReplicatedTarget replicated && options.LeaderKills > 0)
            {
                results.Failovers[kind] = await LeaderFailover.MeasureAsync(replicated, failoverPath, options.LeaderKills, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // One target that cannot start (no PostgreSQL, no java) must not cost the others their figures.
            results.Failures[kind] = (results.Failures.TryGetValue(kind, out var before) ? before + "; " : "") + $"round {round}: {ex.GetType().Name}: {ex.Message}";
            Console.Error.WriteLine($"   {kind.Title()} failed: {ex.Message}");
        }
        finally
        {
            if (target is not null)
            {
                await target.DisposeAsync();
                Console.WriteLine($"   {kind.Title()} stopped.");
            }

            results.Load[kind] = (results.Load.TryGetValue(kind, out var earlier) ? earlier + "; " : "") + $"{loadBefore} → {LoadAverage.Now()}";
        }
    }

    private static async Task<IComparisonTarget> StartAsync(TargetKind kind, CompareOptions options, CancellationToken ct) => kind switch
    {
        TargetKind.Embedded => await EmbeddedSiloTarget.StartAsync(options.SiloSettings, ct),
        TargetKind.Cluster => await SiloClusterTarget.StartAsync(options.SiloSettings, ct),
        TargetKind.ZooKeeperStandalone => await ZooKeeperStandaloneTarget.StartAsync(options.ZooKeeperJar, ct),
        TargetKind.ZooKeeperEnsemble => await ZooKeeperEnsembleTarget.StartAsync(options.ZooKeeperJar, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static async Task RunCasesAsync(CaseContext context, int round, ComparisonResults results, CancellationToken ct)
    {
        var options = context.Options;
        var kind = context.Target.Kind;
        var cases = new List<(ComparisonCase Case, CaseRun Run)>();
        foreach (var @case in ComparisonCases.All.Where(c => options.Workloads.Contains(c.Key)))
        {
            if (@case.Client == ClientKind.DotNetClient && context.Target is not ISiloTarget)
            {
                continue;
            }

            cases.Add((@case, await @case.PrepareAsync(context, ct)));
        }

        foreach (var (@case, execute) in cases)
        {
            var result = await execute(ct);
            results.Add(@case, kind, result);
            var row = ResultRow.From(result);
            Console.WriteLine(
                $"   run {round}/{options.Runs} {@case.Name}: {row.OpsPerSecond:N0} ops/s, p50 {row.P50:0.000} ms, p99 {row.P99:0.000} ms, " +
                $"errors {row.Errors}{(row.Note is null ? "" : " — " + row.Note)}");
        }
    }
}
