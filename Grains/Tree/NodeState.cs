using CoordinationService.Model;

namespace CoordinationService.Tree;

/// <summary>A node's stat fields and ACL as a value, so a multi can see the effects of its earlier ops.</summary>
internal readonly record struct NodeState(
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    long Pzxid,
    int Version,
    int Aversion,
    int ChildCreates,
    int ChildCount,
    NodeKind Kind,
    long EphemeralOwner,
    long Ttl,
    int DataLength,
    IReadOnlyList<AclEntry> Acl)
{
    public static NodeState Of(DataNode node) => new(
        node.Czxid,
        node.Mzxid,
        node.Ctime,
        node.Mtime,
        node.Pzxid,
        node.Version,
        node.Aversion,
        node.ChildCreates,
        node.Children.Count,
        node.Kind,
        node.EphemeralOwner,
        node.Ttl,
        node.Data.Length,
        node.Acl);

    public Stat ToStat() => new(
        Czxid,
        Mzxid,
        Ctime,
        Mtime,
        Version,
        (2 * ChildCreates) - ChildCount,
        Aversion,
        Kind == NodeKind.Ephemeral ? EphemeralOwner : 0,
        DataLength,
        ChildCount,
        Pzxid);
}
