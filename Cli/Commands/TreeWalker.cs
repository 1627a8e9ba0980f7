using CoordinationService.Cli.Parsing;
using CoordinationService.Client;
using CoordinationService.Errors;

namespace CoordinationService.Cli.Commands;

/// <summary>A subtree as read at one moment: a node's path and its children, sorted.</summary>
public sealed record TreeNode(string Path, IReadOnlyList<TreeNode> Children)
{
    public string Name => Path == "/" ? "/" : Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>Every path of the subtree grouped by depth, the root's level first.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Levels()
    {
        var levels = new List<IReadOnlyList<string>>();
        IReadOnlyList<TreeNode> level = [this];
        while (level.Count > 0)
        {
            levels.Add([.. level.Select(n => n.Path)]);
            level = [.. level.SelectMany(n => n.Children)];
        }

        return levels;
    }
}

/// <summary>
/// Reads a subtree one level at a time, every node of a level at once (the client pipelines them),
/// so a wide tree costs one round trip per level rather than one per node.
/// </summary>
public static class TreeWalker
{
    public static async Task<TreeNode> WalkAsync(CoordinationClient client, string root, int? maxDepth, CancellationToken cancellationToken)
    {
        var childrenOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        IReadOnlyList<string> level = [root];
        for (var depth = 0; level.Count > 0 && (maxDepth is null || depth < maxDepth); depth++)
        {
            var lists = await Task.WhenAll(level.Select(p => ChildrenAsync(client, p, mustExist: p == root, cancellationToken)));
            var next = new List<string>();
            for (var i = 0; i < level.Count; i++)
            {
                var children = lists[i].Order(StringComparer.Ordinal).Select(name => PathArgument.Child(level[i], name)).ToList();
                childrenOf[level[i]] = children;
                next.AddRange(children);
            }

            level = next;
        }

        return Build(root, childrenOf);
    }

    private static TreeNode Build(string path, Dictionary<string, IReadOnlyList<string>> childrenOf) =>
        new(path, childrenOf.TryGetValue(path, out var children) ? [.. children.Select(c => Build(c, childrenOf))] : []);

    private static async Task<IReadOnlyList<string>> ChildrenAsync(
        CoordinationClient client, string path, bool mustExist, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetChildrenAsync(path, cancellationToken: cancellationToken)).Names;
        }
        catch (NoNodeException) when (!mustExist)
        {
            // Deleted between reading its parent and reading it: it is simply not part of the tree any more.
            return [];
        }
    }
}
