namespace CoordinationService.Client.Discovery;

/// <summary>
/// One running instance of a service, stored as JSON in its ephemeral node
/// (<c>{"id":"…","address":"…","port":…,"metadata":{…}}</c>), so it disappears with the process's session.
/// </summary>
/// <param name="Id">Unique within the service; the node's name.</param>
/// <param name="Address">Host name or IP address clients connect to.</param>
public sealed record ServiceInstance(
    string Id,
    string Address,
    int Port,
    IReadOnlyDictionary<string, string>? Metadata = null)
{
    public bool Equals(ServiceInstance? other) =>
        other is not null
        && Id == other.Id
        && Address == other.Address
        && Port == other.Port
        && MetadataEquals(Metadata, other.Metadata);

    public override int GetHashCode() => HashCode.Combine(Id, Address, Port, Metadata?.Count ?? 0);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(Id) || Id.Contains('/', StringComparison.Ordinal) || Id is "." or "..")
        {
            throw new ArgumentException($"'{Id}' is not a valid instance id: it becomes a node name", nameof(Id));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Address);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
    }

    private static bool MetadataEquals(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        var left = a ?? EmptyMetadata;
        var right = b ?? EmptyMetadata;
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var value) && value == p.Value);
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();
}
