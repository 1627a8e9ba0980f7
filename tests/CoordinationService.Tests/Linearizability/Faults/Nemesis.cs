using System.Diagnostics;

namespace CoordinationService.Tests.Linearizability.Faults;

/// <summary>One fault as it happened: what, to which silo (-1: the database), from when to when (Stopwatch timestamps).</summary>
public sealed record FaultEvent(FaultKind Kind, int Target, bool TargetWasLeader, long Began, long Ended)
{
    public string Describe(long origin) =>
        $"{Seconds(Began - origin),6:F1}-{Seconds(Ended - origin),5:F1} s  {Kind}{(Target >= 0 ? $" silo {Target}{(TargetWasLeader ? " (leader)" : string.Empty)}" : string.Empty)}";

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}

/// <summary>
/// Injects faults one at a time while the workload runs, a quiet interval between them, each undone
/// before the next: kill -9 and restart a silo, pause one past its failure detection and resume it
/// (starting it again once it ends itself, told it was declared dead), stop and start PostgreSQL.
/// The first fault on a silo of each run hits the leader's.
/// </summary>
internal sealed class Nemesis(
    FaultCluster cluster,
    Func<Task<int?>> findLeader,
    IReadOnlyList<FaultKind> kinds,
    TimeSpan quiet,
    Random random,
    Action<string> log)
{
    private static readonly TimeSpan KilledFor = TimeSpan.FromSeconds(2);

    // Failure detection declares a silo dead after seconds of missed probes (4-9 s seen on a busy
    // machine): 10 s is past it, so the silo is voted out and finds out when it wakes.
    private static readonly TimeSpan PausedFor = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan DatabaseDownFor = TimeSpan.FromSeconds(2);

    private readonly List<FaultEvent> _events = [];
    private Task _restarting = Task.CompletedTask;
    private bool _leaderHit;

    public IReadOnlyList<FaultEvent> Events => _events;

    /// <summary>A silo the nemesis is starting again, if any: healing waits for it.</summary>
    public Task Restarting => _restarting;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; a fault under way is finished first.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var next = random.Next(kinds.Count);
        while (true)
        {
            try
            {
                await Task.Delay(quiet, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            // A silo starting again (which takes a while on a busy machine) is left to finish first.
            await _restarting;
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            // Each kind in turn, from a random start, so a short run still sees each it was given.
            var kind = kinds[next++ % kinds.Count];
            var began = Stopwatch.GetTimestamp();
            var (target, wasLeader) = kind == FaultKind.RestartPostgres ? (-1, false) : await PickSiloAsync();
            log($"nemesis: {kind} {(target >= 0 ? $"silo {target}{(wasLeader ? " (leader)" : string.Empty)}" : "postgres")}");
            switch (kind)
            {
                case FaultKind.KillSilo:
                    await cluster.KillAsync(target);
                    await Task.Delay(KilledFor, CancellationToken.None);
                    _restarting = cluster.RestartAsync(target);
                    break;
                case FaultKind.PauseSilo:
                    cluster.Pause(target);
                    await Task.Delay(PausedFor, CancellationToken.None);
                    cluster.Resume(target);
                    // Told it was declared dead, the silo ends itself: then it is started again.
                    _restarting = RestartWhenEndedAsync(target);
                    break;
                case FaultKind.RestartPostgres:
                    cluster.StopPostgres();
                    await Task.Delay(DatabaseDownFor, CancellationToken.None);
                    cluster.StartPostgres();
                    break;
            }

            _events.Add(new FaultEvent(kind, target, wasLeader, began, Stopwatch.GetTimestamp()));
            log($"nemesis: {kind} over; the leader is on silo {(await findLeader())?.ToString() ?? "(none answered)"}");
        }
    }

    private async Task RestartWhenEndedAsync(int target)
    {
        for (var waited = 0; waited < 10 && cluster.IsRunning(target); waited++)
        {
            await Task.Delay(500, CancellationToken.None);
        }

        log(cluster.IsRunning(target)
            ? $"nemesis: silo {target} still runs 5 s after it was resumed"
            : $"nemesis: silo {target} ended itself after it was resumed (declared dead meanwhile); starting it again");
        await cluster.RestartAsync(target);
    }

    private async Task<(int Target, bool WasLeader)> PickSiloAsync()
    {
        var leader = await findLeader();
        if (!_leaderHit && leader is { } l && cluster.IsRunning(l))
        {
            _leaderHit = true;
            return (l, true);
        }

        var running = Enumerable.Range(0, cluster.Count).Where(cluster.IsRunning).ToList();
        var target = running.Count > 0 ? running[random.Next(running.Count)] : random.Next(cluster.Count);
        return (target, target == leader);
    }
}
