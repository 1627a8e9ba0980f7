using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Tree;

/// <summary>
/// Answers read requests from a tree. Read paths are not validated, as in ZooKeeper: a malformed
/// path simply names no node. Watches, sync and watch management belong to the replica.
/// </summary>
public static class TreeReads
{
    public static OpReply Execute(DataTree tree, ReadRequest request, SessionId session)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(request);
        var zxid = tree.LastApplied.Value;
        if (request is GetEphemeralsRequest ephemerals)
        {
            return new OpReply(ResultCode.Ok, new PathsResult(EphemeralsWithPrefix(tree, session, ephemerals.Prefix)), zxid);
        }

        var path = PathOf(request);
        if (!tree.TryGetNode(path, out var node))
        {
            return OpReply.Error(ResultCode.NoNode, zxid);
        }

        OpResult result = request switch
        {
            GetDataRequest => new DataResult(node.Data, node.ToStat()),
            ExistsRequest => new StatResult(node.ToStat()),
            GetChildrenRequest => new ChildrenResult(node.Children.Order(StringComparer.Ordinal).ToArray(), node.ToStat()),
            GetAllChildrenNumberRequest => new CountResult(CountDescendants(tree, path, node)),
            GetAclRequest => new AclResult(node.Acl, node.ToStat()),
            _ => throw NotATreeRead(request),
        };
        return new OpReply(ResultCode.Ok, result, zxid);
    }

    private static string PathOf(ReadRequest request) => request switch
    {
        GetDataRequest r => r.Path,
        ExistsRequest r => r.Path,
        GetChildrenRequest r => r.Path,
        GetAllChildrenNumberRequest r => r.Path,
        GetAclRequest r => r.Path,
        _ => throw NotATreeRead(request),
    };

    private static string[] EphemeralsWithPrefix(DataTree tree, SessionId session, string prefix) =>
        tree.EphemeralsOf(session.Value)
            .Where(path => path.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static int CountDescendants(DataTree tree, string path, DataNode node)
    {
        var count = 0;
        foreach (var name in node.Children)
        {
            var childPath = PathValidation.Combine(path, name);
            if (tree.TryGetNode(childPath, out var child))
            {
                count += 1 + CountDescendants(tree, childPath, child);
            }
        }

        return count;
    }

    private static ArgumentException NotATreeRead(ReadRequest request) =>
        new($"{request.GetType().Name} is served by the replica, not the tree.", nameof(request));
}
