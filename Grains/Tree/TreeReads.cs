using CoordinationService.Acl;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Tree;

/// <summary>
/// Answers read requests from a tree. Read paths are not validated, as in ZooKeeper: a malformed
/// path simply names no node. Permissions are checked after the node is found (NoNode beats
/// NoAuth), as ZooKeeper 3.8's FinalRequestProcessor does; exists and getEphemerals need none.
/// Watches, sync and watch management belong to the replica.
/// </summary>
public static class TreeReads
{
    public static OpReply Execute(DataTree tree, ReadRequest request, SessionId session, IReadOnlyList<AuthId> auth)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(auth);
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

        if (Needed(request) is { } needed && !AclPolicy.IsAllowed(node.Acl, needed, auth))
        {
            return OpReply.Error(ResultCode.NoAuth, zxid);
        }

        OpResult result = request switch
        {
            GetDataRequest => new DataResult(node.Data, node.ToStat()),
            ExistsRequest => new StatResult(node.ToStat()),
            GetChildrenRequest => new ChildrenResult(node.Children.Order(StringComparer.Ordinal).ToArray(), node.ToStat()),
            GetAllChildrenNumberRequest => new CountResult(CountDescendants(tree, path, node)),
            GetAclRequest => new AclResult(AclAsSeenBy(node, auth), node.ToStat()),
            _ => throw NotATreeRead(request),
        };
        return new OpReply(ResultCode.Ok, result, zxid);
    }

    /// <summary>Any one of the returned bits is enough; exists needs no permission at all.</summary>
    private static Permissions? Needed(ReadRequest request) => request switch
    {
        ExistsRequest => null,
        GetAclRequest => Permissions.Read | Permissions.Admin,
        _ => Permissions.Read,
    };

    /// <summary>Without ADMIN a reader sees who has access but not the digests' hashes.</summary>
    private static IReadOnlyList<AclEntry> AclAsSeenBy(DataNode node, IReadOnlyList<AuthId> auth) =>
        AclPolicy.IsAllowed(node.Acl, Permissions.Admin, auth) ? node.Acl : AclMasking.MaskDigests(node.Acl);

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
