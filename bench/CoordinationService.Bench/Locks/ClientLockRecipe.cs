using CoordinationService.Client;
using CoordinationService.Model;

namespace CoordinationService.Bench.Locks;

/// <summary>
/// The same three-round-trip ZooKeeper recipe as <see cref="ZooKeeperLockRecipe"/>, through the .NET
/// client's plain create / getChildren / delete: it separates what the lock API saves (round trips)
/// from what the transport costs (Orleans gateway vs ZooKeeper wire).
/// </summary>
public sealed class ClientLockRecipe(CoordinationClient client, string lockPath)
{
    public async Task AcquireAndReleaseAsync(CancellationToken ct)
    {
        var node = await client.CreateAsync($"{lockPath}/{Guid.NewGuid():N}__lock__", [], CreateMode.EphemeralSequential, cancellationToken: ct)
            .ConfigureAwait(false);
        var children = await client.GetChildrenAsync(lockPath, cancellationToken: ct).ConfigureAwait(false);
        var mine = node[(lockPath.Length + 1)..];
        if (children.Names.Any(n => string.CompareOrdinal(n[^10..], mine[^10..]) < 0))
        {
            throw new InvalidOperationException($"{lockPath} was not free: {string.Join(", ", children.Names)}");
        }

        await client.DeleteAsync(node, cancellationToken: ct).ConfigureAwait(false);
    }
}
