namespace CoordinationService.Tree;

/// <summary>
/// The tree as one request's earlier ops left it (ZooKeeper's outstanding change records, scoped to
/// one multi): reads fall through to the tree, changes stay here and the tree is never touched.
/// </summary>
internal sealed class TreeOverlay(DataTree tree)
{
    private Dictionary<string, NodeState?>? _changes;

    public bool TryGet(string path, out NodeState state)
    {
        if (_changes is not null && _changes.TryGetValue(path, out var changed))
        {
            state = changed.GetValueOrDefault();
            return changed.HasValue;
        }

        if (tree.TryGetNode(path, out var node))
        {
            state = NodeState.Of(node);
            return true;
        }

        state = default;
        return false;
    }

    public void Set(string path, NodeState state) => Changes()[path] = state;

    public void Remove(string path) => Changes()[path] = null;

    private Dictionary<string, NodeState?> Changes() => _changes ??= new(StringComparer.Ordinal);
}
