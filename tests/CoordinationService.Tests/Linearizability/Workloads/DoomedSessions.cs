using System.Net;
using CoordinationService.Model;
using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// Now and then a ZooKeeper session creates one ephemeral under each of a few parents of its own and
/// then falls silent, as a crashed client, so the server expires it while the faults go on. The
/// parents let the run prove afterwards that every ephemeral went in one txn: each parent's pzxid is
/// then the zxid of its child's deletion, and they must all be equal.
/// </summary>
internal sealed class DoomedSessions(
    IWorkloadSession setup,
    RunPaths paths,
    IReadOnlyList<IPEndPoint> servers,
    RunRecord record,
    int ephemeralsEach,
    TimeSpan every)
{
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(4);

    public async Task RunAsync(CancellationToken stop)
    {
        var n = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await DoomOneAsync(++n, stop);
                await Task.Delay(every, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task DoomOneAsync(int n, CancellationToken stop)
    {
        var group = $"{paths.Ephemerals}/d{n}";
        var parents = Enumerable.Range(0, ephemeralsEach).Select(k => $"{group}/p{k}").ToList();
        foreach (var path in parents.Prepend(group))
        {
            var created = await setup.CreateAsync(path, [], CreateMode.Persistent, stop);
            if (!created.IsOk && created.Code != ResultCode.NodeExists)
            {
                // No parents now (a fault under way): this round is skipped.
                return;
            }
        }

        ZkWireSession doomed;
        using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            attempt.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                doomed = await ZkWireSession.OpenAsync(servers, SessionTimeout, TimeSpan.FromSeconds(3), attempt.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                return;
            }
        }

        await using (doomed)
        {
            var outcomes = new List<Outcome>();
            foreach (var parent in parents)
            {
                outcomes.Add((await doomed.CreateAsync($"{parent}/e", [], CreateMode.Ephemeral, stop)).Outcome);
            }

            record.Doomed.Add(new DoomedSession(doomed.SessionId, parents, outcomes));
            await doomed.AbandonAsync();
        }
    }
}
