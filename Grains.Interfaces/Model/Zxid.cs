namespace CoordinationService.Model;

/// <summary>
/// A transaction id: the leader's epoch in the high 32 bits and a counter within that epoch in the
/// low 32 bits, exactly as ZooKeeper composes it, so values compare as plain longs.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.Zxid")]
public readonly record struct Zxid([property: Id(0)] long Value) : IComparable<Zxid>
{
    public static readonly Zxid Zero = new(0);

    public long Epoch => Value >>> 32;

    public long Counter => Value & 0xFFFF_FFFFL;

    public static Zxid Create(long epoch, long counter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(counter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter, 0xFFFF_FFFFL);
        return new Zxid((epoch << 32) | counter);
    }

    public Zxid Next() => new(Value + 1);

    public int CompareTo(Zxid other) => Value.CompareTo(other.Value);

    public static bool operator <(Zxid left, Zxid right) => left.Value < right.Value;
    public static bool operator >(Zxid left, Zxid right) => left.Value > right.Value;
    public static bool operator <=(Zxid left, Zxid right) => left.Value <= right.Value;
    public static bool operator >=(Zxid left, Zxid right) => left.Value >= right.Value;

    public override string ToString() => $"0x{Value:x}";
}
