using System.Collections.Immutable;

namespace CoordinationService.Tests.Linearizability.Models;

/// <summary>The elements added so far, in the order they were added (which is their sequence numbers' order).</summary>
public sealed class SetState : IEquatable<SetState>
{
    public static readonly SetState Empty = new(ImmutableList<string>.Empty, 0);

    private readonly int _hash;

    private SetState(ImmutableList<string> elements, int hash)
    {
        Elements = elements;
        _hash = hash;
    }

    public ImmutableList<string> Elements { get; }

    public int Count => Elements.Count;

    public SetState Append(string element) =>
        new(Elements.Add(element), HashCode.Combine(_hash, StringComparer.Ordinal.GetHashCode(element)));

    public bool Contains(string element) => Elements.Contains(element, StringComparer.Ordinal);

    public bool Equals(SetState? other) =>
        other is not null && _hash == other._hash && Elements.SequenceEqual(other.Elements, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as SetState);

    public override int GetHashCode() => _hash;
}
