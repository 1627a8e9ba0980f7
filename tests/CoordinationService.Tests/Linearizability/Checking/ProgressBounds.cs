namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>The progress bounds of the determinate operations not yet linearized, ordered, so the least one (and whose it is) is at hand.</summary>
internal sealed class ProgressBounds
{
    private readonly SortedSet<(long Bound, int Op)> _bounds = [];

    public long Least => _bounds.Count == 0 ? long.MaxValue : _bounds.Min.Bound;

    /// <summary>The operation with the least bound.</summary>
    public int? Holder => _bounds.Count == 0 ? null : _bounds.Min.Op;

    public void Add(int op, long? bound)
    {
        if (bound is { } b)
        {
            _bounds.Add((b, op));
        }
    }

    public void Remove(int op, long? bound)
    {
        if (bound is { } b)
        {
            _bounds.Remove((b, op));
        }
    }
}
