using System.Diagnostics.CodeAnalysis;
using CoordinationService.Model;
using CoordinationService.Txns;
using CoordinationService.Watches;

namespace CoordinationService.Tree;

/// <summary>
/// The znode tree and its sessions: a deterministic state machine over committed txns (ZooKeeper's
/// DataTree). Every replica that applies the same txns holds the same bytes (<see cref="Digest"/>).
/// Not thread-safe: one writer, and readers on the same thread or under the owner's lock.
/// </summary>
public sealed partial class DataTree
{
    public const string ZooKeeperPath = "/zookeeper";
    public const string QuotaPath = "/zookeeper/quota";
    public const string ConfigPath = "/zookeeper/config";

    private static readonly IReadOnlyList<AclEntry> ReadOnlyAcl = [new AclEntry(Permissions.Read, "world", "anyone")];

    private readonly Dictionary<string, DataNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, SessionRecord> _sessions = [];
    private readonly Dictionary<long, HashSet<string>> _ephemerals = [];

    /// <summary>A fresh tree as a new ZooKeeper 3.8 server has it: "/", "/zookeeper" and its
    /// "quota" and "config" children, all with zero zxids and times.</summary>
    public DataTree()
    {
        Seed("/", AclEntry.OpenUnsafe);
        Seed(ZooKeeperPath, AclEntry.OpenUnsafe);
        Seed(QuotaPath, AclEntry.OpenUnsafe);

        // ZooKeeper sets the config node's ACL with version -1 after creating it, which leaves aversion -1.
        Seed(ConfigPath, ReadOnlyAcl).Aversion = -1;
    }

    private DataTree(Zxid lastApplied)
    {
        LastApplied = lastApplied;
    }

    public Zxid LastApplied { get; private set; }

    public IReadOnlyDictionary<long, SessionRecord> Sessions => _sessions;

    public int NodeCount => _nodes.Count;

    /// <summary>ZooKeeper's approximate data size: path length plus data length over all nodes.</summary>
    public long DataSize { get; private set; }

    /// <summary>The nodes ZooKeeper refuses to delete (isSpecialPath).</summary>
    public static bool IsSystemPath(string path) =>
        path is "/" or ZooKeeperPath or QuotaPath or ConfigPath;

    public bool TryGetNode(string path, [NotNullWhen(true)] out DataNode? node) => _nodes.TryGetValue(path, out node);

    public IReadOnlyCollection<string> EphemeralsOf(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? paths : [];

    /// <summary>Applies one committed txn and returns the watch triggers in the order ZooKeeper fires them.</summary>
    /// <exception cref="InvalidOperationException">The zxid is not above <see cref="LastApplied"/>, or the txn
    /// does not fit the tree (a leader bug; the tree must then be rebuilt from a snapshot).</exception>
    public IReadOnlyList<WatchTrigger> Apply(TxnRecord txn)
    {
        ArgumentNullException.ThrowIfNull(txn);
        if (txn.Zxid <= LastApplied)
        {
            throw new InvalidOperationException($"Txn {txn.Zxid} is not after the last applied {LastApplied}.");
        }

        var triggers = new List<WatchTrigger>();
        ApplyBody(txn.Body, txn.Zxid.Value, txn.Time, triggers);
        LastApplied = txn.Zxid;
        return triggers;
    }

    /// <summary>Containers that had children and have none now, and childless TTL nodes untouched for longer
    /// than their TTL, in ordinal path order (ZooKeeper's ContainerManager criteria).</summary>
    public IReadOnlyList<string> FindReapable(long nowMs)
    {
        var reapable = new List<string>();
        foreach (var (path, node) in _nodes)
        {
            if (IsReapable(node, nowMs))
            {
                reapable.Add(path);
            }
        }

        reapable.Sort(StringComparer.Ordinal);
        return reapable;
    }

    internal static bool IsReapable(DataNode node, long nowMs) => node.Children.Count == 0 && node.Kind switch
    {
        NodeKind.Container => node.ChildCreates > 0,
        NodeKind.Ttl => node.Mtime + node.Ttl < nowMs,
        _ => false,
    };

    private void ApplyBody(Txn body, long zxid, long time, List<WatchTrigger> triggers)
    {
        switch (body)
        {
            case CreateTxn create:
                Create(create, zxid, time, triggers);
                break;
            case DeleteTxn delete:
                Delete(delete.Path, zxid, triggers);
                break;
            case SetDataTxn setData:
                SetData(setData, zxid, time, triggers);
                break;
            case SetAclTxn setAcl:
                var node = Existing(setAcl.Path);
                node.Acl = setAcl.Acl;
                node.Aversion = setAcl.Aversion;
                break;
            case MultiTxn multi:
                foreach (var op in multi.Txns)
                {
                    ApplyBody(op, zxid, time, triggers);
                }

                break;
            case CreateSessionTxn session:
                _sessions[session.SessionId] = new SessionRecord(session.SessionId, session.TimeoutMs, session.Password);
                break;
            case CloseSessionTxn close:
                CloseSession(close, zxid, triggers);
                break;
            case CheckTxn or ErrorTxn or EpochTxn:
                break;
            default:
                throw new InvalidOperationException($"Unknown txn type {body.GetType().Name}.");
        }
    }

    private void Create(CreateTxn txn, long zxid, long time, List<WatchTrigger> triggers)
    {
        var parentPath = PathValidation.ParentOf(txn.Path);
        var parent = Existing(parentPath);
        if (_nodes.ContainsKey(txn.Path))
        {
            throw Inconsistent(txn, "the node exists");
        }

        var node = new DataNode(txn.Data, txn.Acl, txn.Kind, txn.Ttl, txn.EphemeralOwner)
        {
            Czxid = zxid,
            Ctime = time,
            Mzxid = zxid,
            Mtime = time,
            Pzxid = zxid,
        };
        _nodes.Add(txn.Path, node);
        parent.AddChild(PathValidation.NameOf(txn.Path));

        // As ZooKeeper's createNode: a replayed create never moves the parent's counter back.
        if (txn.ParentCversion > parent.ChildCreates)
        {
            parent.ChildCreates = txn.ParentCversion;
            parent.Pzxid = zxid;
        }

        if (txn.Kind == NodeKind.Ephemeral)
        {
            AddEphemeral(txn.EphemeralOwner, txn.Path);
        }

        DataSize += txn.Path.Length + txn.Data.Length;
        triggers.Add(new WatchTrigger(txn.Path, WatchEventType.NodeCreated));
        triggers.Add(new WatchTrigger(parentPath, WatchEventType.NodeChildrenChanged));
    }

    private void Delete(string path, long zxid, List<WatchTrigger> triggers)
    {
        var node = Existing(path);
        if (node.Children.Count > 0 || path == "/")
        {
            throw new InvalidOperationException($"Cannot delete {path}: it has children or is the root.");
        }

        var parentPath = PathValidation.ParentOf(path);
        var parent = Existing(parentPath);
        _nodes.Remove(path);
        parent.RemoveChild(PathValidation.NameOf(path));
        if (zxid > parent.Pzxid)
        {
            parent.Pzxid = zxid;
        }

        if (node.Kind == NodeKind.Ephemeral && _ephemerals.TryGetValue(node.EphemeralOwner, out var owned))
        {
            owned.Remove(path);
            if (owned.Count == 0)
            {
                _ephemerals.Remove(node.EphemeralOwner);
            }
        }

        DataSize -= path.Length + node.Data.Length;
        triggers.Add(new WatchTrigger(path, WatchEventType.NodeDeleted));
        triggers.Add(new WatchTrigger(parentPath, WatchEventType.NodeChildrenChanged));
    }

    private void SetData(SetDataTxn txn, long zxid, long time, List<WatchTrigger> triggers)
    {
        var node = Existing(txn.Path);
        DataSize += txn.Data.Length - node.Data.Length;
        node.Data = txn.Data;
        node.Version = txn.Version;
        node.Mzxid = zxid;
        node.Mtime = time;
        triggers.Add(new WatchTrigger(txn.Path, WatchEventType.NodeDataChanged));
    }

    private void CloseSession(CloseSessionTxn txn, long zxid, List<WatchTrigger> triggers)
    {
        foreach (var path in txn.EphemeralPaths)
        {
            // As ZooKeeper's killSession: a listed node already gone is skipped.
            if (_nodes.ContainsKey(path))
            {
                Delete(path, zxid, triggers);
            }
        }

        _sessions.Remove(txn.SessionId);
    }

    private void AddEphemeral(long owner, string path)
    {
        if (!_ephemerals.TryGetValue(owner, out var owned))
        {
            owned = new HashSet<string>(StringComparer.Ordinal);
            _ephemerals.Add(owner, owned);
        }

        owned.Add(path);
    }

    private DataNode Existing(string path) =>
        _nodes.TryGetValue(path, out var node)
            ? node
            : throw new InvalidOperationException($"Txn refers to {path}, which does not exist.");

    private static InvalidOperationException Inconsistent(CreateTxn txn, string reason) =>
        new($"Cannot create {txn.Path}: {reason}.");

    private DataNode Seed(string path, IReadOnlyList<AclEntry> acl)
    {
        var node = new DataNode([], acl, NodeKind.Persistent, 0, 0);
        AddLoaded(path, node);
        return node;
    }
}
