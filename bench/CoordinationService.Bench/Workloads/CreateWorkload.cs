namespace CoordinationService.Bench.Workloads;

/// <summary>One create at a time: the latency of a write with nothing to batch it with, so every
/// create pays a whole group commit (and its fsync) alone.</summary>
public sealed class CreateWorkload(NodeSet nodes) : Workload
{
    private long _next;

    public override string Name => "create";

    public override int InFlight => 1;

    public override Target Target { get; } = new(TargetMetric.P50MillisecondsAtMost, 1);

    public override Task ExecuteAsync(IBenchSession session, Random random)
    {
        // The counter lives across runs, so each run creates new names rather than hitting NodeExists.
        var n = Interlocked.Increment(ref _next);
        return session.CreateAsync($"{nodes.Root}/created/c{n:D8}", nodes.Data);
    }
}
