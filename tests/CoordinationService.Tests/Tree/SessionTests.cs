using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Txns;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

public sealed class SessionTests
{
    [Fact]
    public void SessionIdIsTheZxidAndPasswordComesFromTheGenerator()
    {
        var h = new TreeHarness();

        var reply = h.Write(new CreateSessionRequest(10_000));

        var created = Assert.IsType<SessionCreatedResult>(reply.Result);
        Assert.Equal(h.LastZxid.Value, created.Session.Value);
        Assert.Equal(Enumerable.Repeat((byte)1, 16), created.Password);
        Assert.Equal(10_000, created.TimeoutMs);
        var record = h.Tree.Sessions[created.Session.Value];
        Assert.Equal(created.Password, record.Password);
        Assert.Equal(10_000, record.TimeoutMs);
    }

    [Theory]
    [InlineData(1, 4000)]
    [InlineData(4000, 4000)]
    [InlineData(30_000, 30_000)]
    [InlineData(100_000, 40_000)]
    public void SessionTimeoutIsClampedToTheConfiguredRange(int asked, int granted)
    {
        var reply = new TreeHarness().Write(new CreateSessionRequest(asked));

        Assert.Equal(granted, Assert.IsType<SessionCreatedResult>(reply.Result).TimeoutMs);
    }

    [Fact]
    public void ClosingASessionDeletesItsEphemeralsInOneTxn()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        var other = h.OpenSession();
        h.Create("/p");
        h.Create("/p/b", CreateMode.Ephemeral, session);
        h.Create("/p/a", CreateMode.Ephemeral, session);
        h.Create("/p/o", CreateMode.Ephemeral, other);

        var reply = h.Write(new CloseSessionRequest(), session);

        Assert.Equal(ResultCode.Ok, reply.Code);
        Assert.IsType<EmptyResult>(reply.Result);
        var txn = Assert.IsType<CloseSessionTxn>(h.LastPrepared.Txn);
        Assert.Equal(session.Value, txn.SessionId);
        Assert.Equal(new[] { "/p/a", "/p/b" }, txn.EphemeralPaths);
        Assert.False(txn.Expired);
        Assert.False(h.Tree.Sessions.ContainsKey(session.Value));
        Assert.Empty(h.Tree.EphemeralsOf(session.Value));
        Assert.Equal(new[] { "o" }, h.Tree.TryGetNode("/p", out var p) ? p.Children : []);
        Assert.Equal(h.LastZxid.Value, h.StatOf("/p").Pzxid);
        Assert.Equal(
            [
                new WatchTrigger("/p/a", WatchEventType.NodeDeleted),
                new WatchTrigger("/p", WatchEventType.NodeChildrenChanged),
                new WatchTrigger("/p/b", WatchEventType.NodeDeleted),
                new WatchTrigger("/p", WatchEventType.NodeChildrenChanged),
            ],
            h.LastTriggers);
    }

    [Fact]
    public void ExpiringASessionMarksTheTxnExpired()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Create("/e", CreateMode.Ephemeral, session);

        var reply = h.Write(new ExpireSessionRequest(session.Value));

        Assert.Equal(ResultCode.Ok, reply.Code);
        var txn = Assert.IsType<CloseSessionTxn>(h.LastPrepared.Txn);
        Assert.True(txn.Expired);
        Assert.Equal(new[] { "/e" }, txn.EphemeralPaths);
        Assert.False(h.Tree.TryGetNode("/e", out _));
    }

    [Fact]
    public void ClosingAnUnknownSessionAnswersSessionExpired()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Write(new CloseSessionRequest(), session);

        Assert.Equal(ResultCode.SessionExpired, h.Write(new CloseSessionRequest(), session).Code);
        Assert.Equal(ResultCode.SessionExpired, h.Write(new ExpireSessionRequest(12345)).Code);
        Assert.Equal(ResultCode.SessionExpired, h.Write(new CloseSessionRequest()).Code);
    }

    [Fact]
    public void ClosedSessionCannotCreateEphemerals()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Write(new CloseSessionRequest(), session);

        Assert.Equal(ResultCode.SessionExpired, h.Create("/e", CreateMode.Ephemeral, session).Code);
    }

    [Fact]
    public void DeletingAnEphemeralRemovesItFromItsSession()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Create("/e", CreateMode.Ephemeral, session);

        h.Write(new DeleteRequest("/e"));

        Assert.Empty(h.Tree.EphemeralsOf(session.Value));
        Assert.Equal(ResultCode.Ok, h.Write(new CloseSessionRequest(), session).Code);
    }

    [Fact]
    public void CloseSkipsListedNodesThatAreAlreadyGone()
    {
        var tree = new DataTree();
        tree.Apply(new TxnRecord(new Zxid(1), 1, SessionId.None, new CreateSessionTxn(1, 4000, new byte[16])));

        tree.Apply(new TxnRecord(new Zxid(2), 2, SessionId.None, new CloseSessionTxn(1, ["/gone"], false)));

        Assert.Empty(tree.Sessions);
    }
}
