using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Txns;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

/// <summary>Reference run on ZooKeeper 3.8 (kazoo transaction on a fresh /m).</summary>
public sealed class MultiTests
{
    private static CreateRequest Create(string path, byte[]? data = null, CreateMode mode = CreateMode.Persistent) =>
        new(path, data ?? [], AclEntry.OpenUnsafe, mode);

    [Fact]
    public void MultiSeesItsEarlierOpsAndSharesOneZxid()
    {
        var h = new TreeHarness();
        h.Create("/m");

        var reply = h.Write(new MultiRequest([
            Create("/m/a", [1]),
            Create("/m/a/b", [2, 2]),
            new SetDataRequest("/m/a", [3, 3, 3], 0),
            new CheckVersionRequest("/m/a", 1),
            Create("/m/q-", mode: CreateMode.PersistentSequential),
            Create("/m/q-", mode: CreateMode.PersistentSequential),
            new DeleteRequest("/m/a/b"),
            Create("/m/a/b"),
            new CheckVersionRequest("/m/a", -1),
        ]));

        var z = h.LastZxid.Value;
        var time = h.Time - 10;
        Assert.Equal(ResultCode.Ok, reply.Code);
        var results = Assert.IsType<MultiResult>(reply.Result).Results;
        Assert.All(results, r => Assert.Equal(ResultCode.Ok, r.Code));
        Assert.All(results, r => Assert.Equal(z, r.Zxid));
        Assert.Equal("/m/a", Assert.IsType<CreateResult>(results[0].Result).Path);
        Assert.Equal("/m/a/b", Assert.IsType<CreateResult>(results[1].Result).Path);

        // Observed: the setData stat reflects the multi so far: version 1, cversion 1, numChildren 1, pzxid z.
        Assert.Equal(new Stat(z, z, time, time, 1, 1, 0, 0, 3, 1, z), Assert.IsType<StatResult>(results[2].Result).Stat);
        Assert.IsType<EmptyResult>(results[3].Result);
        Assert.Equal("/m/q-0000000001", Assert.IsType<CreateResult>(results[4].Result).Path);
        Assert.Equal("/m/q-0000000002", Assert.IsType<CreateResult>(results[5].Result).Path);
        Assert.IsType<EmptyResult>(results[6].Result);

        // Observed: /m cversion 3, numChildren 3; /m/a version 1, cversion 3, numChildren 1; all zxids z.
        Assert.Equal(new Stat(h.StatOf("/m").Czxid, h.StatOf("/m").Czxid, time - 10, time - 10, 0, 3, 0, 0, 0, 3, z), h.StatOf("/m"));
        Assert.Equal(new Stat(z, z, time, time, 1, 3, 0, 0, 3, 1, z), h.StatOf("/m/a"));
        Assert.Equal(new Stat(z, z, time, time, 0, 0, 0, 0, 0, 0, z), h.StatOf("/m/a/b"));
    }

    [Fact]
    public void CreateResultInAMultiIsTheStatAtCreation()
    {
        var h = new TreeHarness();

        var reply = h.Write(new MultiRequest([Create("/a", [1]), new SetDataRequest("/a", [1, 2]), Create("/a/b")]));

        var created = Assert.IsType<CreateResult>(Assert.IsType<MultiResult>(reply.Result).Results[0].Result);
        Assert.Equal(0, created.Stat.Version);
        Assert.Equal(1, created.Stat.DataLength);
        Assert.Equal(0, created.Stat.NumChildren);
        Assert.Equal(1, h.StatOf("/a").Version);
    }

    [Fact]
    public void FailedMultiReportsRuntimeInconsistencyAfterTheFailingOp()
    {
        // Observed: [create /m/x, setData /m/a v99, delete /m/a/b, create /m/x] -> [0, -103, -2, -2].
        var h = new TreeHarness();
        h.Create("/m");
        h.Create("/m/a");
        h.Create("/m/a/b");
        var digestOfNodes = NodesOnly(h);

        var reply = h.Write(new MultiRequest([
            Create("/m/x"),
            new SetDataRequest("/m/a", [], 99),
            new DeleteRequest("/m/a/b"),
            Create("/m/x"),
        ]));

        Assert.Equal(ResultCode.BadVersion, reply.Code);
        Assert.Equal(h.LastZxid.Value, reply.Zxid);
        var codes = Assert.IsType<MultiResult>(reply.Result).Results.Select(r => r.Code);
        Assert.Equal(new[] { ResultCode.Ok, ResultCode.BadVersion, ResultCode.RuntimeInconsistency, ResultCode.RuntimeInconsistency }, codes);
        Assert.Equal(new ErrorTxn(ResultCode.BadVersion), h.LastPrepared.Txn);
        Assert.Equal(digestOfNodes, NodesOnly(h));
        Assert.Empty(h.LastTriggers);
    }

    [Fact]
    public void MultiOpsValidateAgainstEarlierOpsEffects()
    {
        // Observed: [delete /m/a/b, delete /m/a/b] -> [0, NoNode].
        var h = new TreeHarness();
        h.Create("/m");
        h.Create("/m/a");
        h.Create("/m/a/b");

        var reply = h.Write(new MultiRequest([new DeleteRequest("/m/a/b"), new DeleteRequest("/m/a/b")]));

        Assert.Equal(ResultCode.NoNode, reply.Code);
        Assert.Equal(new[] { ResultCode.Ok, ResultCode.NoNode }, Assert.IsType<MultiResult>(reply.Result).Results.Select(r => r.Code));
        Assert.True(h.Tree.TryGetNode("/m/a/b", out _));
    }

    [Fact]
    public void MultiCanDeleteAndRecreate()
    {
        // Observed: /m/a (cversion 3, one child) after [delete /m/a/b, create /m/a/b]: cversion 5, pzxid = the multi's zxid.
        var h = new TreeHarness();
        h.Create("/m");
        h.Create("/m/a");
        h.Write(new MultiRequest([Create("/m/a/b"), new DeleteRequest("/m/a/b"), Create("/m/a/b")]));
        Assert.Equal(3, h.StatOf("/m/a").Cversion);

        var reply = h.Write(new MultiRequest([new DeleteRequest("/m/a/b"), Create("/m/a/b", [7])]));

        Assert.Equal(ResultCode.Ok, reply.Code);
        Assert.Equal(5, h.StatOf("/m/a").Cversion);
        Assert.Equal(h.LastZxid.Value, h.StatOf("/m/a").Pzxid);
        Assert.Equal(h.LastZxid.Value, h.StatOf("/m/a/b").Czxid);
    }

    [Fact]
    public void MultiValidationDoesNotTouchTheTree()
    {
        var h = new TreeHarness();
        h.Create("/m");
        var before = h.Tree.Digest();
        var zxid = h.NextZxid();

        h.Preparer.Prepare(SessionId.None, [], new MultiRequest([Create("/m/a"), Create("/m/a/b"), new DeleteRequest("/m")]), zxid, h.Time);

        Assert.Equal(before, h.Tree.Digest());
    }

    [Fact]
    public void MultiFiresTriggersInOpOrder()
    {
        var h = new TreeHarness();
        h.Create("/m");

        h.Write(new MultiRequest([Create("/m/a"), new SetDataRequest("/m", []), new DeleteRequest("/m/a")]));

        Assert.Equal(
            [
                new WatchTrigger("/m/a", WatchEventType.NodeCreated),
                new WatchTrigger("/m", WatchEventType.NodeChildrenChanged),
                new WatchTrigger("/m", WatchEventType.NodeDataChanged),
                new WatchTrigger("/m/a", WatchEventType.NodeDeleted),
                new WatchTrigger("/m", WatchEventType.NodeChildrenChanged),
            ],
            h.LastTriggers);
    }

    [Fact]
    public void EmptyMultiSucceedsWithNoResults()
    {
        var reply = new TreeHarness().Write(new MultiRequest([]));

        Assert.Equal(ResultCode.Ok, reply.Code);
        Assert.Empty(Assert.IsType<MultiResult>(reply.Result).Results);
    }

    [Fact]
    public void SetAclInsideAMultiIsRefusedAsZooKeeperDoes()
    {
        // Observed: ZooKeeper 3.8 answers a multi holding setACL with MarshallingError (-5) for the whole request.
        var h = new TreeHarness();
        h.Create("/m");

        var reply = h.Write(new MultiRequest([new SetAclRequest("/m", AclEntry.OpenUnsafe)]));

        Assert.Equal(ResultCode.MarshallingError, reply.Code);
        Assert.Equal(0, h.StatOf("/m").Aversion);
    }

    [Fact]
    public void MultiWithEphemeralCreateNeedsALiveSession()
    {
        var h = new TreeHarness();

        var reply = h.Write(new MultiRequest([Create("/a"), Create("/e", mode: CreateMode.Ephemeral)]), new SessionId(99));

        Assert.Equal(ResultCode.SessionExpired, reply.Code);
        Assert.False(h.Tree.TryGetNode("/a", out _));
    }

    private static string NodesOnly(TreeHarness h)
    {
        var paths = new List<string>();
        Collect(h, "/", paths);
        return string.Join(";", paths.Select(p => p + "=" + h.StatOf(p)));
    }

    private static void Collect(TreeHarness h, string path, List<string> paths)
    {
        paths.Add(path);
        Assert.True(h.Tree.TryGetNode(path, out var node));
        foreach (var child in node.Children.Order(StringComparer.Ordinal))
        {
            Collect(h, Model.PathValidation.Combine(path, child), paths);
        }
    }
}
