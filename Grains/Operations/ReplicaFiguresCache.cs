using System.Diagnostics;
using CoordinationService.Replicas;

namespace CoordinationService.Operations;

/// <summary>
/// The replica's counts, taken once for all the gauges of one scrape: counting takes the replica's
/// lock and walks the sessions, which several gauges in a row should not each repeat.
/// </summary>
internal sealed class ReplicaFiguresCache(Replica replica)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(200);
    private readonly Lock _gate = new();
    private ReplicaFigures? _figures;
    private long _takenAt;

    public ReplicaFigures Current
    {
        get
        {
            lock (_gate)
            {
                if (_figures is null || Stopwatch.GetElapsedTime(_takenAt) > MaxAge)
                {
                    _figures = replica.Figures();
                    _takenAt = Stopwatch.GetTimestamp();
                }

                return _figures;
            }
        }
    }
}
