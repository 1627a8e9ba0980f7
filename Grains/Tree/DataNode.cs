using CoordinationService.Model;

namespace CoordinationService.Tree;

/// <summary>
/// One znode. Only <see cref="DataTree"/> mutates it; everyone else reads. The child counter is
/// ZooKeeper's persisted cversion, which counts child creates only: clients see
/// <c>2 * creates - numChildren</c> (creates plus deletes), exactly as ZooKeeper's DataNode.copyStat.
/// </summary>
public sealed class DataNode
{
    private readonly HashSet<string> _children = new(StringComparer.Ordinal);

    internal DataNode(byte[] data, IReadOnlyList<AclEntry> acl, NodeKind kind, long ttl, long ephemeralOwner)
    {
        Data = data;
        Acl = acl;
        Kind = kind;
        Ttl = ttl;
        EphemeralOwner = ephemeralOwner;
    }

    /// <summary>Shared with the txn that wrote it; callers must not modify it.</summary>
    public byte[] Data { get; internal set; }

    public IReadOnlyList<AclEntry> Acl { get; internal set; }

    public NodeKind Kind { get; }

    /// <summary>Milliseconds for TTL nodes, 0 otherwise.</summary>
    public long Ttl { get; }

    /// <summary>As stored: the session for ephemerals, ZooKeeper's marker values for containers and TTL nodes.</summary>
    public long EphemeralOwner { get; }

    public IReadOnlyCollection<string> Children => _children;

    public long Czxid { get; internal init; }

    public long Ctime { get; internal init; }

    public long Mzxid { get; internal set; }

    public long Mtime { get; internal set; }

    public long Pzxid { get; internal set; }

    public int Version { get; internal set; }

    public int Aversion { get; internal set; }

    /// <summary>ZooKeeper's persisted cversion: the number of child creates; it names sequential children.</summary>
    public int ChildCreates { get; internal set; }

    /// <summary>The cversion clients see: every child create and delete.</summary>
    public int Cversion => (2 * ChildCreates) - _children.Count;

    /// <summary>What clients see: containers and TTL nodes report no owner.</summary>
    public long VisibleEphemeralOwner => Kind == NodeKind.Ephemeral ? EphemeralOwner : 0;

    public Stat ToStat() => new(
        Czxid,
        Mzxid,
        Ctime,
        Mtime,
        Version,
        Cversion,
        Aversion,
        VisibleEphemeralOwner,
        Data.Length,
        _children.Count,
        Pzxid);

    internal bool AddChild(string name) => _children.Add(name);

    internal bool RemoveChild(string name) => _children.Remove(name);
}
