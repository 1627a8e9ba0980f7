using CoordinationService.Client;

namespace CoordinationService.Bench.Workloads;

/// <summary>Deletes the bench's subtree (two levels deep, as <see cref="NodeSet"/> builds it), pipelined.</summary>
public static class NodeSetCleanup
{
    public static async Task DeleteAsync(CoordinationClient session, string root, CancellationToken ct)
    {
        foreach (var folder in (await session.GetChildrenAsync(root, cancellationToken: ct)).Names)
        {
            var children = (await session.GetChildrenAsync(root + "/" + folder, cancellationToken: ct)).Names;
            await Task.WhenAll(children.Select(c => session.DeleteAsync($"{root}/{folder}/{c}", cancellationToken: ct)));
            await session.DeleteAsync(root + "/" + folder, cancellationToken: ct);
        }

        await session.DeleteAsync(root, cancellationToken: ct);
    }
}
