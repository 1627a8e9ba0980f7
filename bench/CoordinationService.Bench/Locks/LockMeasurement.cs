using System.Diagnostics;

namespace CoordinationService.Bench.Locks;

/// <summary>One workload's window: completed cycles and each cycle's latency (Stopwatch ticks).</summary>
public sealed record LockMeasurement(string Name, string Shape, int Cycles, TimeSpan Window, long[] SortedTicks)
{
    public double PerSecond => Cycles / Window.TotalSeconds;

    public double P50Ms => PercentileMs(50);

    public double P99Ms => PercentileMs(99);

    public LockFigures Figures => new(Name, Shape, PerSecond, P50Ms, P99Ms);

    /// <summary>
    /// Runs <paramref name="workers"/> closed loops of <paramref name="cycle"/> for the warm-up, then for the
    /// window; only cycles that start and end inside the window count.
    /// </summary>
    public static async Task<LockMeasurement> RunAsync(
        string name, string shape, int workers, Func<int, CancellationToken, Task> cycle, TimeSpan warmUp, TimeSpan window, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var windowStart = warmUp;
        var windowEnd = warmUp + window;
        var latencies = new List<long>[workers];

        async Task LoopAsync(int worker)
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < windowEnd)
            {
                ct.ThrowIfCancellationRequested();
                var started = clock.Elapsed;
                var startTicks = Stopwatch.GetTimestamp();
                await cycle(worker, ct).ConfigureAwait(false);
                var ended = clock.Elapsed;
                if (started >= windowStart && ended <= windowEnd)
                {
                    mine.Add(Stopwatch.GetTimestamp() - startTicks);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => LoopAsync(w), ct))).ConfigureAwait(false);
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LockMeasurement(name, shape, all.Length, window, all);
    }

    private double PercentileMs(double percentile)
    {
        if (SortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * SortedTicks.Length) - 1;
        return SortedTicks[Math.Clamp(rank, 0, SortedTicks.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
