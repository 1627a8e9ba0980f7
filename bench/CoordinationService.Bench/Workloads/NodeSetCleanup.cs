namespace CoordinationService.Bench.Workloads;

/// <summary>Deletes the bench's subtree (two levels deep, as <see cref="NodeSet"/> builds it), pipelined.</summary>
public static class NodeSetCleanup
{
    /// <summary>The create workload leaves tens of thousands of nodes; deleting them in chunks keeps the
    /// requests in flight bounded, which a real ZooKeeper throttles (globalOutstandingLimit) anyway.</summary>
    private const int Chunk = 1000;

    public static async Task DeleteAsync(IBenchSession session, string root, CancellationToken ct)
    {
        foreach (var folder in await session.GetChildrenAsync(root, ct))
        {
            var children = await session.GetChildrenAsync(root + "/" + folder, ct);
            foreach (var chunk in children.Chunk(Chunk))
            {
                await Task.WhenAll(chunk.Select(c => session.DeleteAsync($"{root}/{folder}/{c}", ct)));
            }

            await session.DeleteAsync(root + "/" + folder, ct);
        }

        await session.DeleteAsync(root, ct);
    }
}
