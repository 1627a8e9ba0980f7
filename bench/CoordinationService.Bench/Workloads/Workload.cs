using System.Diagnostics;

namespace CoordinationService.Bench.Workloads;

/// <summary>One kind of request driven closed-loop: each of <see cref="InFlight"/> workers issues its next
/// request as soon as the previous one answers, on session <c>worker % sessions</c>.</summary>
public abstract class Workload
{
    public abstract string Name { get; }

    public abstract int InFlight { get; }

    /// <summary>What the issue asks of this workload, for the table; null when it sets no target.</summary>
    public virtual Target? Target => null;

    /// <summary>One request. <paramref name="random"/> belongs to the worker, so no locking is needed.</summary>
    public abstract Task ExecuteAsync(IBenchSession session, Random random);

    /// <summary>
    /// One request and the Stopwatch timestamps its latency runs between: by default the whole of
    /// <see cref="ExecuteAsync"/>. A workload whose latency is not a round trip (write → watch event)
    /// overrides it and leaves its unmeasured set-up outside the pair.
    /// </summary>
    public virtual async Task<(long Began, long Ended)> MeasureAsync(IBenchSession session, Random random)
    {
        var began = Stopwatch.GetTimestamp();
        await ExecuteAsync(session, random).ConfigureAwait(false);
        return (began, Stopwatch.GetTimestamp());
    }
}
