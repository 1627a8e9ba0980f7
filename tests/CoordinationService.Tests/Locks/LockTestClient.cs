using CoordinationService.Client;

namespace CoordinationService.Tests.Locks;

/// <summary>A test's client and the link it can cut.</summary>
public sealed class LockTestClient(CoordinationClient client, PartitionableGrainFactory link) : IAsyncDisposable
{
    public CoordinationClient Client { get; } = client;

    public PartitionableGrainFactory Link { get; } = link;

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
