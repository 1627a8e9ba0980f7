namespace CoordinationService.Tests.Linearizability.Models;

/// <summary>
/// An operation on a parent znode used as a grow-only sequence: a sequential create of a child named
/// after a unique element, or getChildren.
/// </summary>
public abstract record SetCall
{
    private SetCall()
    {
    }

    /// <summary>A sequential create whose name carries <paramref name="Element"/>; answers its sequence number.</summary>
    public sealed record Add(string Element) : SetCall;

    /// <summary>getChildren (after a sync, when checked for linearizability): every element with its sequence number.</summary>
    public sealed record Read : SetCall
    {
        public static readonly Read Instance = new();
    }
}

/// <summary>An add's sequence number, or a read's elements ordered by sequence number.</summary>
public sealed record SetResult(int Sequence, IReadOnlyList<SetMember> Members)
{
    public static SetResult Added(int sequence) => new(sequence, []);

    public static SetResult Listed(IEnumerable<SetMember> members) => new(-1, [.. members.OrderBy(m => m.Sequence)]);
}

public readonly record struct SetMember(string Element, int Sequence);
