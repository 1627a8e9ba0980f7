using CoordinationService.Bench.Workloads;
using CoordinationService.Bench.Zk;

namespace CoordinationService.Bench.Compare;

/// <summary>
/// Every case of the comparison, in table order. The ZooKeeper-protocol cases run on all four targets and
/// compare with themselves on the counterpart ZooKeeper; the .NET-client cases run on ours only.
/// </summary>
public static class ComparisonCases
{
    public static IReadOnlyList<ComparisonCase> All { get; } =
    [
        Zk("create", "create (1 in flight)", (c, _) => Workload(c, new CreateWorkload(c.Nodes))),
        Zk("getData", "getData", (c, _) => Workload(c, new GetDataWorkload(c.Nodes, c.Options.Sessions * c.Options.InFlightPerSession))),
        Zk("setData", "setData", (c, _) => Workload(c, new SetDataWorkload(c.Nodes, c.Options.Sessions * c.Options.InFlightPerSession))),
        Zk("mixed", "mixed 90/10", (c, _) => Workload(c, new MixedWorkload(c.Nodes, c.Options.Sessions * c.Options.InFlightPerSession))),
        Zk("watch", "watch: write → event", (c, _) => Workload(c, new WatchLatencyWorkload(c.Nodes, c.Watcher))),
        Zk("sessions", "sessions: connect + ephemeral + close", SessionChurnAsync),
        Zk("lock", "lock recipe, 1 client", (c, ct) => LockRecipeAsync(c, "lock-one", 1, ct)),
        Zk("lock-contended", "lock recipe, contended", (c, ct) => LockRecipeAsync(c, "lock-contended", c.Options.LockContenders, ct)),
        DotNet("dotnet-getData", "getData (.NET client)", async (c, ct) => Workload(await c.DotNetDriverAsync(ct), new GetDataWorkload(c.Nodes, c.Options.DotNetInFlight))),
        DotNet("dotnet-setData", "setData (.NET client)", async (c, ct) => Workload(await c.DotNetDriverAsync(ct), new SetDataWorkload(c.Nodes, c.Options.DotNetInFlight))),
        // Our lock API is measured against the recipe on ZooKeeper (the recipe's rows on our targets show
        // the same three-round-trip recipe over our wire protocol).
        DotNet("dotnet-lock", "lock (.NET client), 1 client", (c, ct) => DotNetLockAsync(c, "dotnet-lock-one", 1, ct), RatioAgainst: "lock recipe, 1 client"),
        DotNet("dotnet-lock-contended", "lock (.NET client), contended", (c, ct) => DotNetLockAsync(c, "dotnet-lock-contended", c.Options.LockContenders, ct), RatioAgainst: "lock recipe, contended"),
    ];

    public static IReadOnlyList<string> Keys { get; } = [.. All.Select(c => c.Key)];

    private static ComparisonCase Zk(string key, string name, Func<CaseContext, CancellationToken, Task<CaseRun>> prepare) =>
        new(key, name, ClientKind.ZooKeeperProtocol, RatioAgainst: name, prepare);

    private static ComparisonCase Zk(string key, string name, Func<CaseContext, CancellationToken, CaseRun> prepare) =>
        Zk(key, name, (c, ct) => Task.FromResult(prepare(c, ct)));

    private static ComparisonCase DotNet(string key, string name, Func<CaseContext, CancellationToken, Task<CaseRun>> prepare, string? RatioAgainst = null) =>
        new(key, name, ClientKind.DotNetClient, RatioAgainst, prepare);

    /// <summary>One workload instance across the runs (the create workload's counter must outlive a run).</summary>
    private static CaseRun Workload(CaseContext context, Workload workload) => Workload(context.Driver, workload);

    private static CaseRun Workload(WorkloadDriver driver, Workload workload) => ct => driver.RunAsync(workload, ct);

    private static async Task<CaseRun> SessionChurnAsync(CaseContext context, CancellationToken ct)
    {
        var run = 0;
        var options = context.Options;
        var sessions = await context.CreateFolderAsync("sessions", ct);
        return async ct =>
        {
            // A folder per run, so the check for ephemerals left behind sees only this run's sessions.
            var parent = $"{sessions}/run{++run}";
            await context.Sessions[0].CreateAsync(parent, [], ct);
            return await SessionChurn.RunAsync(
                context.Target.ZooKeeperEndPoints, context.Sessions[0], parent, options.ChurnSessions, options.ChurnConcurrency, context.Target.ServerCpu, ct);
        };
    }

    /// <summary>Each contender a session of its own, as in the recipe's case.</summary>
    private static async Task<CaseRun> DotNetLockAsync(CaseContext context, string name, int contenders, CancellationToken ct)
    {
        var path = await context.CreateFolderAsync(name, ct);
        return Workload(await context.DotNetDriverAsync(contenders, ct), new DotNetLockWorkload(path, contenders));
    }

    private static async Task<CaseRun> LockRecipeAsync(CaseContext context, string name, int contenders, CancellationToken ct)
    {
        var path = await context.CreateFolderAsync(name, ct);
        return Workload(context, new LockRecipeWorkload(path, contenders));
    }
}
