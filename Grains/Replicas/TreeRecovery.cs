using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Tree;

namespace CoordinationService.Replicas;

/// <summary>Rebuilds a tree from the log store: the latest snapshot, then every txn after it.</summary>
public static class TreeRecovery
{
    private const int PageSize = 5_000;

    public static async Task<DataTree> RecoverAsync(ITransactionLog log, CancellationToken cancellation)
    {
        var snapshot = await log.LoadLatestSnapshotAsync(cancellation).ConfigureAwait(false);
        var tree = snapshot is null ? new DataTree() : DataTree.ReadSnapshot(new MemoryStream(snapshot.Data, writable: false));
        await ReplayAsync(log, tree, cancellation).ConfigureAwait(false);
        return tree;
    }

    /// <summary>Applies to <paramref name="tree"/> every logged txn after its last one.</summary>
    public static Task<Zxid> ReplayAsync(ITransactionLog log, DataTree tree, CancellationToken cancellation) =>
        LogRecovery.ReplayAsync(log, tree.LastApplied, txn => tree.Apply(txn), PageSize, cancellation);
}
