using System.Diagnostics;

namespace CoordinationService.Bench.Workloads;

/// <summary>
/// Watch notification latency: another session (on another server, where there are several) sets a data
/// watch on a random node, then the writer's setData goes out; the latency runs from sending the write to
/// the watcher receiving its event. One at a time, so the figure is the notification path alone.
/// Setting the watch is outside the measured pair.
/// </summary>
public sealed class WatchLatencyWorkload(NodeSet nodes, IRecipeSession watcher) : Workload
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(10);

    public override string Name => "watch write→event";

    public override int InFlight => 1;

    public override Task ExecuteAsync(IBenchSession session, Random random) => MeasureAsync(session, random);

    public override async Task<(long Began, long Ended)> MeasureAsync(IBenchSession session, Random random)
    {
        var path = nodes.Pick(random);
        var fired = await watcher.WatchDataAsync(path).ConfigureAwait(false);
        var began = Stopwatch.GetTimestamp();
        var written = session.SetDataAsync(path, nodes.Data);
        // Bounded: a lost notification must show up as an error, not stall the run.
        await fired.WaitAsync(EventTimeout).ConfigureAwait(false);
        var ended = Stopwatch.GetTimestamp();
        // The write's own reply must come too, or the next round's write would overtake it on a failure.
        await written.ConfigureAwait(false);
        return (began, ended);
    }
}
