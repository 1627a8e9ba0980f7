namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// The (linearized set, model state) pairs a search has already expanded: reaching one again cannot
/// lead anywhere new (Lowe's memoisation, as Porcupine and Knossos do). Bitsets are stored whole, so
/// a hash collision can never make the checker skip a configuration it has not seen.
/// </summary>
internal sealed class SearchMemo<TState>(IEqualityComparer<TState> states)
    where TState : notnull
{
    private readonly Dictionary<ulong, List<(ulong[] Bits, TState State)>> _buckets = [];

    public long Count { get; private set; }

    /// <summary>False when this configuration was seen before.</summary>
    public bool TryAdd(LinearizedSet linearized, TState state)
    {
        var key = linearized.Hash ^ ((ulong)(uint)states.GetHashCode(state) * 0x9E3779B97F4A7C15UL);
        if (_buckets.TryGetValue(key, out var bucket))
        {
            foreach (var (bits, seen) in bucket)
            {
                if (linearized.BitsEqual(bits) && states.Equals(seen, state))
                {
                    return false;
                }
            }
        }
        else
        {
            bucket = [];
            _buckets.Add(key, bucket);
        }

        bucket.Add((linearized.CopyBits(), state));
        Count++;
        return true;
    }
}
