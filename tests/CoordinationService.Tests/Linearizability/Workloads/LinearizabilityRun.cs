using System.Diagnostics;
using CoordinationService.Model;
using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.Faults;
using CoordinationService.Tests.Linearizability.History;
using CoordinationService.Tests.Linearizability.Locks;
using CoordinationService.Tests.Linearizability.Models;
using CoordinationService.Tests.Linearizability.Sessions;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// One bounded run: the tree set up, clients of both kinds working while the nemesis injects faults,
/// every fault undone, a final sync+read of every key, then every check over what was recorded.
/// </summary>
internal sealed class LinearizabilityRun(FaultCluster cluster, RunOptions options, Action<string> log)
{
    private readonly RunPaths _paths = new(options.Root);

    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan PinnedSessionTimeout = TimeSpan.FromSeconds(30);

    public async Task<RunReport> ExecuteAsync()
    {
        var record = new RunRecord();
        await using var orleans = await ClusterClientHost.StartAsync(cluster.GatewayEndpoints, TimeSpan.FromSeconds(5));
        var grains = orleans.Client;
        async Task<IWorkloadSession> OpenDotNet(CancellationToken ct) =>
            await DotNetWorkloadSession.OpenAsync(grains, options.SessionTimeout, options.RequestTimeout, ct);
        async Task<IWorkloadSession> OpenWire(CancellationToken ct) =>
            await ZkWireSession.OpenAsync(cluster.ZooKeeperEndpoints, options.SessionTimeout, options.RequestTimeout, ct);

        using (var starting = new CancellationTokenSource(Recovery))
        {
            await using var setup = await RetryAsync(OpenDotNet, starting.Token);
            await CreateTreeAsync(setup);
        }

        var origin = Stopwatch.GetTimestamp();
        var dataWorkers = Enumerable.Range(0, options.DotNetWorkers).Select(i => new DataWorker($"d{i}", _paths, OpenDotNet, record, options.RegisterKeys, options.SetKeys, new Random(options.Seed + i)))
            .Concat(Enumerable.Range(0, options.WireWorkers).Select(i => new DataWorker($"z{i}", _paths, OpenWire, record, options.RegisterKeys, options.SetKeys, new Random(options.Seed + 100 + i))))
            .ToList();
        // One reader pinned to each silo with a session and request timeout longer than a pause: its
        // connection survives the silo being stopped, and its first sync+reads after the silo wakes go
        // to a silo that may not yet know it was declared dead.
        var pinned = cluster.ZooKeeperEndpoints.Select((endpoint, i) => new DataWorker(
            $"p{i}", _paths, ct => OpenPinnedAsync(endpoint, ct), record, options.RegisterKeys, options.SetKeys, new Random(options.Seed + 500 + i)) { ReadsOnly = true });
        dataWorkers.AddRange(pinned);
        var lockWorkers = Enumerable.Range(0, options.LockWorkersEach).Select(i => new LockWorker($"ld{i}", _paths, OpenDotNet, record, new Random(options.Seed + 200 + i)))
            .Concat(Enumerable.Range(0, options.LockWorkersEach).Select(i => new LockWorker($"lz{i}", _paths, OpenWire, record, new Random(options.Seed + 300 + i))))
            .ToList();
        using var opening = new CancellationTokenSource(Recovery);
        await using var doomedSetup = await RetryAsync(OpenDotNet, opening.Token);
        var doomed = new DoomedSessions(doomedSetup, _paths, cluster.ZooKeeperEndpoints, record, options.EphemeralsPerDoomedSession, TimeSpan.FromSeconds(4));
        var nemesis = new Nemesis(cluster, () => cluster.LeaderAsync(grains), options.Faults, options.FaultInterval, new Random(options.Seed + 400), log);

        using (var stop = new CancellationTokenSource(options.Duration))
        {
            log($"workload: {dataWorkers.Count} data clients, {lockWorkers.Count} lock contenders, for {options.Duration.TotalSeconds:0} s");
            await Task.WhenAll(dataWorkers.Select(w => w.RunAsync(stop.Token))
                .Concat(lockWorkers.Select(w => w.RunAsync(stop.Token)))
                .Append(doomed.RunAsync(stop.Token))
                .Append(nemesis.RunAsync(stop.Token)));
        }

        log($"workload over: {dataWorkers.Sum(w => w.Operations)} data operations, {lockWorkers.Sum(w => w.Grants)} lock grants; healing");
        await nemesis.Restarting;
        await cluster.HealAsync();
        using var recovery = new CancellationTokenSource(Recovery);
        await using var dotnetReader = await RetryAsync(OpenDotNet, recovery.Token);
        await using var wireReader = await RetryAsync(OpenWire, recovery.Token);
        var finalReads = new DataWorker("final", _paths, OpenDotNet, record, options.RegisterKeys, options.SetKeys, new Random(options.Seed));
        await finalReads.FinalReadsAsync(dotnetReader, recovery.Token);
        await finalReads.FinalReadsAsync(wireReader, recovery.Token);
        var ephemeralViolations = await EphemeralCheck.RunAsync(dotnetReader, record.Doomed, TimeSpan.FromSeconds(60), CancellationToken.None);

        log("checking");
        var registers = new LinearizabilityChecker<RegisterState, RegisterCall, RegisterResult>(new RegisterModel(RunPaths.InitialValue)).Check(record.Registers.Snapshot());
        var sets = new LinearizabilityChecker<SetState, SetCall, SetResult?>(new SequentialSetModel()).Check(record.Sets.Snapshot());
        var sessionClock = Stopwatch.StartNew();
        var observations = record.Sessions.ToList();
        var sessionViolations = SessionOrderChecker.Check(observations);
        var sessionTime = sessionClock.Elapsed;
        var unknown = record.Registers.Snapshot().Count(o => o.Outcome == Outcome.Unknown) + record.Sets.Snapshot().Count(o => o.Outcome == Outcome.Unknown);
        return new RunReport(
            options, registers, sets, unknown, observations.Count, observations.Select(o => (o.Client, o.Session)).Distinct().Count(),
            record.Locks.Count, record.Doomed.Count, nemesis.Events, origin,
            sessionViolations, LockChecker.Check(record.Locks.ToList()), ephemeralViolations, sessionTime);
    }

    private static async Task<IWorkloadSession> OpenPinnedAsync(System.Net.IPEndPoint server, CancellationToken cancellationToken) =>
        await ZkWireSession.OpenAsync([server], PinnedSessionTimeout, PinnedSessionTimeout * 0.8, cancellationToken);

    private async Task CreateTreeAsync(IWorkloadSession setup)
    {
        var paths = new[] { _paths.Root, _paths.Registers, _paths.Sets, _paths.Lock, _paths.Ephemerals }
            .Concat(Enumerable.Range(0, options.SetKeys).Select(_paths.Set));
        foreach (var path in paths)
        {
            await CreateAsync(setup, path, []);
        }

        foreach (var key in Enumerable.Range(0, options.RegisterKeys).Select(_paths.Register))
        {
            await CreateAsync(setup, key, System.Text.Encoding.UTF8.GetBytes(RunPaths.InitialValue));
        }
    }

    /// <summary>Retried until it answers (a just-started cluster's leader may take a while to recover); NodeExists on a retry means an earlier attempt made it.</summary>
    private static async Task CreateAsync(IWorkloadSession setup, string path, byte[] data)
    {
        var deadline = DateTime.UtcNow + Recovery;
        for (var attempt = 0; ; attempt++)
        {
            var reply = await setup.CreateAsync(path, data, CreateMode.Persistent, CancellationToken.None);
            if (reply.IsOk || (attempt > 0 && reply.Code == ResultCode.NodeExists))
            {
                return;
            }

            if ((reply.Sent && reply.Outcome == Outcome.Failed) || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Setting up {path}: {reply.Code}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<IWorkloadSession> RetryAsync(Func<CancellationToken, Task<IWorkloadSession>> open, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await open(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }
}
