using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Client.Fakes;

/// <summary>Just enough of a znode tree to answer a client: no ACLs, no TTLs, no containers.</summary>
internal sealed class FakeTree
{
    private Dictionary<string, Node> _nodes = new(StringComparer.Ordinal) { ["/"] = new Node([], 0, 0, 0) };

    public long Zxid { get; private set; }

    /// <summary>Applies one write; returns the reply and what it changed, for watches.</summary>
    public OpReply Apply(WriteRequest request, long session, List<WatchTrigger> triggers)
    {
        if (request is MultiRequest multi)
        {
            return ApplyMulti(multi, session, triggers);
        }

        var backup = Clone();
        var zxid = Zxid + 1;
        var (code, result) = ApplyOne(request, session, zxid, triggers);
        if (code != ResultCode.Ok)
        {
            _nodes = backup;
            return OpReply.Error(code, Zxid);
        }

        Zxid = zxid;
        return new OpReply(ResultCode.Ok, result, zxid);
    }

    public OpReply Read(ReadRequest request) => request switch
    {
        GetDataRequest r => _nodes.TryGetValue(r.Path, out var n)
            ? new OpReply(ResultCode.Ok, new DataResult(n.Data, StatOf(r.Path)), Zxid)
            : OpReply.Error(ResultCode.NoNode, Zxid),
        ExistsRequest r => _nodes.ContainsKey(r.Path)
            ? new OpReply(ResultCode.Ok, new StatResult(StatOf(r.Path)), Zxid)
            : OpReply.Error(ResultCode.NoNode, Zxid),
        GetChildrenRequest r => _nodes.ContainsKey(r.Path)
            ? new OpReply(ResultCode.Ok, new ChildrenResult(ChildrenOf(r.Path), StatOf(r.Path)), Zxid)
            : OpReply.Error(ResultCode.NoNode, Zxid),
        SyncRequest or AddWatchRequest or RemoveWatchesRequest => new OpReply(ResultCode.Ok, EmptyResult.Instance, Zxid),
        _ => OpReply.Error(ResultCode.Unimplemented, Zxid),
    };

    public bool Exists(string path) => _nodes.ContainsKey(path);

    private OpReply ApplyMulti(MultiRequest multi, long session, List<WatchTrigger> triggers)
    {
        var backup = Clone();
        var zxid = Zxid + 1;
        var pending = new List<WatchTrigger>();
        var results = new List<OpReply>();
        for (var i = 0; i < multi.Ops.Count; i++)
        {
            var (code, result) = ApplyOne(multi.Ops[i], session, zxid, pending);
            if (code != ResultCode.Ok)
            {
                _nodes = backup;
                var failed = multi.Ops.Select((_, k) => OpReply.Error(
                    k < i ? ResultCode.Ok : k == i ? code : ResultCode.RuntimeInconsistency, Zxid)).ToList();
                return new OpReply(code, new MultiResult(failed), Zxid);
            }

            results.Add(new OpReply(ResultCode.Ok, result, zxid));
        }

        Zxid = zxid;
        triggers.AddRange(pending);
        return new OpReply(ResultCode.Ok, new MultiResult(results), zxid);
    }

    private (ResultCode, OpResult?) ApplyOne(WriteRequest request, long session, long zxid, List<WatchTrigger> triggers)
    {
        switch (request)
        {
            case CreateRequest r:
            {
                var parent = PathValidation.ParentOf(r.Path);
                if (!_nodes.TryGetValue(parent, out var p))
                {
                    return (ResultCode.NoNode, null);
                }

                var path = r.Mode.IsSequential() ? $"{r.Path}{p.Cversion:D10}" : r.Path;
                if (_nodes.ContainsKey(path))
                {
                    return (ResultCode.NodeExists, null);
                }

                _nodes[path] = new Node(r.Data, zxid, zxid, r.Mode.IsEphemeral() ? session : 0);
                _nodes[parent] = p with { Cversion = p.Cversion + 1, Pzxid = zxid };
                triggers.Add(new WatchTrigger(path, WatchEventType.NodeCreated));
                triggers.Add(new WatchTrigger(parent, WatchEventType.NodeChildrenChanged));
                return (ResultCode.Ok, new CreateResult(path, StatOf(path)));
            }

            case DeleteRequest r:
            {
                if (!_nodes.TryGetValue(r.Path, out var n))
                {
                    return (ResultCode.NoNode, null);
                }

                if (r.Version != -1 && r.Version != n.Version)
                {
                    return (ResultCode.BadVersion, null);
                }

                if (ChildrenOf(r.Path).Count > 0)
                {
                    return (ResultCode.NotEmpty, null);
                }

                _nodes.Remove(r.Path);
                var parent = PathValidation.ParentOf(r.Path);
                var p = _nodes[parent];
                _nodes[parent] = p with { Cversion = p.Cversion + 1, Pzxid = zxid };
                triggers.Add(new WatchTrigger(r.Path, WatchEventType.NodeDeleted));
                triggers.Add(new WatchTrigger(parent, WatchEventType.NodeChildrenChanged));
                return (ResultCode.Ok, EmptyResult.Instance);
            }

            case SetDataRequest r:
            {
                if (!_nodes.TryGetValue(r.Path, out var n))
                {
                    return (ResultCode.NoNode, null);
                }

                if (r.Version != -1 && r.Version != n.Version)
                {
                    return (ResultCode.BadVersion, null);
                }

                _nodes[r.Path] = n with { Data = r.Data, Version = n.Version + 1, Mzxid = zxid };
                triggers.Add(new WatchTrigger(r.Path, WatchEventType.NodeDataChanged));
                return (ResultCode.Ok, new StatResult(StatOf(r.Path)));
            }

            case CheckVersionRequest r:
                return !_nodes.TryGetValue(r.Path, out var c) ? (ResultCode.NoNode, null)
                    : c.Version != r.Version ? (ResultCode.BadVersion, null)
                    : (ResultCode.Ok, EmptyResult.Instance);

            default:
                return (ResultCode.Unimplemented, null);
        }
    }

    private Dictionary<string, Node> Clone() => new(_nodes, StringComparer.Ordinal);

    private List<string> ChildrenOf(string path) =>
        _nodes.Keys.Where(k => k != "/" && PathValidation.ParentOf(k) == path).Select(PathValidation.NameOf).Order().ToList();

    private Stat StatOf(string path)
    {
        var n = _nodes[path];
        return new Stat(n.Czxid, n.Mzxid, 0, 0, n.Version, n.Cversion, 0, n.Owner, n.Data.Length, ChildrenOf(path).Count, n.Pzxid);
    }

    private sealed record Node(byte[] Data, long Czxid, long Mzxid, long Owner)
    {
        public int Version { get; init; }

        public int Cversion { get; init; }

        public long Pzxid { get; init; } = Czxid;
    }
}
