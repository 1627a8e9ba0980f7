using System.Diagnostics;

namespace CoordinationService.Bench.Reporting;

/// <summary>Every latency of a window as Stopwatch ticks, sorted once at the end: exact percentiles,
/// and at these rates (≤ ~1M samples a window) cheap enough.</summary>
public sealed class LatencyHistogram
{
    private readonly long[] _sorted;

    private LatencyHistogram(long[] sorted) => _sorted = sorted;

    public int Count => _sorted.Length;

    public static LatencyHistogram Merge(IEnumerable<List<long>> parts)
    {
        var all = parts.SelectMany(p => p).ToArray();
        Array.Sort(all);
        return new LatencyHistogram(all);
    }

    /// <summary>Nearest-rank percentile in milliseconds; NaN when nothing was measured.</summary>
    public double PercentileMs(double percentile)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * _sorted.Length) - 1;
        return _sorted[Math.Clamp(rank, 0, _sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
