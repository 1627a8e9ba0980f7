using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Tree;

public sealed class ApplyTests
{
    private static TxnRecord At(long zxid, Txn body, long time = 100) => new(new Zxid(zxid), time, SessionId.None, body);

    private static CreateTxn CreateOf(string path, int parentCversion) =>
        new(path, [], AclEntry.OpenUnsafe, NodeKind.Persistent, 0, 0, parentCversion);

    [Fact]
    public void TxnAtOrBelowLastAppliedIsRefused()
    {
        var tree = new DataTree();
        tree.Apply(At(5, new EpochTxn(0)));

        Assert.Throws<InvalidOperationException>(() => tree.Apply(At(5, new ErrorTxn(ResultCode.NoNode))));
        Assert.Throws<InvalidOperationException>(() => tree.Apply(At(4, new ErrorTxn(ResultCode.NoNode))));
        Assert.Equal(new Zxid(5), tree.LastApplied);
    }

    [Fact]
    public void ErrorAndEpochTxnsOnlyAdvanceLastApplied()
    {
        var tree = new DataTree();
        var digestBefore = new DataTree().Digest();

        Assert.Empty(tree.Apply(At(1, new EpochTxn(1))));
        Assert.Empty(tree.Apply(At(2, new ErrorTxn(ResultCode.BadVersion))));

        Assert.Equal(new Zxid(2), tree.LastApplied);
        Assert.NotEqual(digestBefore, tree.Digest());
        Assert.Equal(4, tree.NodeCount);
    }

    [Fact]
    public void TimestampsComeOnlyFromTheTxn()
    {
        var tree = new DataTree();

        tree.Apply(At(1, CreateOf("/a", 1), time: 42));
        tree.Apply(At(2, new SetDataTxn("/a", [1], 1), time: 7));

        Assert.True(tree.TryGetNode("/a", out var node));
        Assert.Equal(42, node.Ctime);
        Assert.Equal(7, node.Mtime);
        Assert.Equal(2, node.Mzxid);
        Assert.Equal(1, node.Version);
    }

    [Fact]
    public void ReplayedCreateNeverMovesTheParentCounterBack()
    {
        // As ZooKeeper's createNode: cversion and pzxid only move when the txn's parent cversion is higher.
        var tree = new DataTree();
        tree.Apply(At(1, CreateOf("/p", 1)));
        tree.Apply(At(2, CreateOf("/p/a", 5)));

        tree.Apply(At(3, CreateOf("/p/b", 2)));

        Assert.True(tree.TryGetNode("/p", out var parent));
        Assert.Equal(5, parent.ChildCreates);
        Assert.Equal(2, parent.Pzxid);
    }

    [Fact]
    public void TxnThatDoesNotFitTheTreeIsRefused()
    {
        var tree = new DataTree();

        Assert.Throws<InvalidOperationException>(() => tree.Apply(At(1, new DeleteTxn("/missing"))));
        Assert.Throws<InvalidOperationException>(() => tree.Apply(At(2, CreateOf("/x/y", 1))));
        Assert.Throws<InvalidOperationException>(() => tree.Apply(At(3, new DeleteTxn("/zookeeper"))));
        Assert.Equal(Zxid.Zero, tree.LastApplied);
    }

    [Fact]
    public void ReplyIsRightEvenWhenLaterTxnsWereAppliedBeforeCompletion()
    {
        // The leader applies each txn as it orders it and completes replies only once the batch is durable.
        var h = new TreeHarness();
        var create = new CreateRequest("/a", [1], AclEntry.OpenUnsafe, CreateMode.Persistent);
        var setData = new SetDataRequest("/a", [1, 2]);
        var z1 = h.NextZxid();
        var p1 = h.Preparer.Prepare(SessionId.None, [], create, z1, h.Time);
        h.Commit(new TxnRecord(z1, h.Time, SessionId.None, p1.Txn));
        var z2 = h.NextZxid();
        var p2 = h.Preparer.Prepare(SessionId.None, [], setData, z2, h.Time + 1);
        h.Commit(new TxnRecord(z2, h.Time + 1, SessionId.None, p2.Txn));

        var first = h.Preparer.Complete(create, p1, z1);
        var second = h.Preparer.Complete(setData, p2, z2);

        Assert.Equal(new Stat(z1.Value, z1.Value, h.Time, h.Time, 0, 0, 0, 0, 1, 0, z1.Value), Assert.IsType<CreateResult>(first.Result).Stat);
        Assert.Equal(h.StatOf("/a"), Assert.IsType<StatResult>(second.Result).Stat);
        Assert.Equal(z1.Value, first.Zxid);
        Assert.Equal(z2.Value, second.Zxid);
    }

    [Fact]
    public void FailureReplyCarriesTheTxnZxid()
    {
        var h = new TreeHarness();
        var request = new DeleteRequest("/missing");
        var prepared = h.Preparer.Prepare(SessionId.None, [], request, new Zxid(9), h.Time);

        var reply = h.Preparer.Complete(request, prepared, new Zxid(10));

        Assert.Equal(ResultCode.NoNode, reply.Code);
        Assert.Equal(10, reply.Zxid);
        Assert.Equal(new ErrorTxn(ResultCode.NoNode), prepared.Txn);
        Assert.Equal(ResultCode.NoNode, prepared.Failure!.Code);
    }

    [Fact]
    public void WritesThatSucceedHaveNoFailure()
    {
        var h = new TreeHarness();
        h.Create("/a");

        Assert.Null(h.LastPrepared.Failure);
        Assert.IsType<CreateTxn>(h.LastPrepared.Txn);
    }
}
