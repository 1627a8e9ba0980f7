namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// Which operations a search path has linearized: a bitset plus a Zobrist hash of it (an xor of one
/// random word per member), so the memo can hash it in O(1) however many operations the history has.
/// </summary>
internal sealed class LinearizedSet
{
    private readonly ulong[] _bits;
    private readonly ulong[] _zobrist;

    public LinearizedSet(int count)
    {
        _bits = new ulong[(count + 63) / 64];
        _zobrist = new ulong[count];
        var random = new Random(count);
        for (var i = 0; i < count; i++)
        {
            _zobrist[i] = (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 1);
        }
    }

    public ulong Hash { get; private set; }

    public void Add(int index)
    {
        _bits[index >> 6] |= 1UL << (index & 63);
        Hash ^= _zobrist[index];
    }

    public void Remove(int index)
    {
        _bits[index >> 6] &= ~(1UL << (index & 63));
        Hash ^= _zobrist[index];
    }

    public bool Contains(int index) => (_bits[index >> 6] & (1UL << (index & 63))) != 0;

    public ulong[] CopyBits() => (ulong[])_bits.Clone();

    public bool BitsEqual(ulong[] other) => _bits.AsSpan().SequenceEqual(other);
}
