using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

public sealed class CreateTests
{
    [Fact]
    public void CreateSetsEveryStatFieldAsZooKeeper()
    {
        // Observed: a new node has czxid = mzxid = pzxid = its zxid, ctime = mtime, all versions 0.
        var h = new TreeHarness();
        var time = h.Time;

        var reply = h.Create("/s", data: [1, 2, 3]);

        var zxid = h.LastZxid.Value;
        var created = Assert.IsType<CreateResult>(reply.Result);
        Assert.Equal("/s", created.Path);
        var expected = new Stat(zxid, zxid, time, time, 0, 0, 0, 0, 3, 0, zxid);
        Assert.Equal(expected, created.Stat);
        Assert.Equal(expected, h.StatOf("/s"));
        Assert.Equal(zxid, reply.Zxid);
    }

    [Fact]
    public void CreateUpdatesParentCversionAndPzxidOnly()
    {
        // Observed: after creating /s, "/" has cversion 0 (was -1), numChildren 2, pzxid = the create's zxid.
        var h = new TreeHarness();

        h.Create("/s");

        var root = h.StatOf("/");
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 2, h.LastZxid.Value), root);
    }

    [Fact]
    public void CreateFiresNodeCreatedThenParentChildrenChanged()
    {
        var h = new TreeHarness();
        h.Create("/a");

        h.Create("/a/b");

        Assert.Equal(
            [new WatchTrigger("/a/b", WatchEventType.NodeCreated), new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)],
            h.LastTriggers);
    }

    [Fact]
    public void ChildOfRootReportsRootAsParent()
    {
        var h = new TreeHarness();

        h.Create("/a");

        Assert.Equal(new WatchTrigger("/", WatchEventType.NodeChildrenChanged), h.LastTriggers[1]);
    }

    [Fact]
    public void CreatingRootAnswersNodeExists() => Assert.Equal(ResultCode.NodeExists, new TreeHarness().Create("/").Code);

    [Fact]
    public void CreatingAnExistingNodeAnswersNodeExists()
    {
        var h = new TreeHarness();
        h.Create("/a");

        Assert.Equal(ResultCode.NodeExists, h.Create("/a").Code);
    }

    [Theory]
    [InlineData("/s/a\0b", ResultCode.BadArguments)]
    [InlineData("abc", ResultCode.BadArguments)]
    [InlineData("", ResultCode.BadArguments)]
    [InlineData("/s//x", ResultCode.NoNode)]
    [InlineData("/s/.", ResultCode.BadArguments)]
    [InlineData("/s/..", ResultCode.BadArguments)]
    [InlineData("/s/", ResultCode.BadArguments)]
    [InlineData("/nonode/.", ResultCode.NoNode)]
    [InlineData("/nonode/x", ResultCode.NoNode)]
    [InlineData("/s/a\u0001", ResultCode.BadArguments)]
    public void MalformedCreatePathsAnswerAsZooKeeper(string path, ResultCode expected)
    {
        var h = new TreeHarness();
        h.Create("/s");

        Assert.Equal(expected, h.Create(path).Code);
    }

    [Fact]
    public void EmptyAclIsInvalidAcl()
    {
        // Observed on ZooKeeper 3.8: create with an empty ACL list answers InvalidACL (-114).
        var h = new TreeHarness();

        var reply = h.Write(new CreateRequest("/a", [], [], CreateMode.Persistent));

        Assert.Equal(ResultCode.InvalidAcl, reply.Code);
        Assert.False(h.Tree.TryGetNode("/a", out _));
    }

    [Theory]
    [InlineData("/nonode/x", ResultCode.InvalidAcl)]
    [InlineData("/s/.", ResultCode.InvalidAcl)]
    [InlineData("/s/\0", ResultCode.BadArguments)]
    public void AclCheckComesAfterPathShapeAndBeforeParentLookup(string path, ResultCode expected)
    {
        var h = new TreeHarness();
        h.Create("/s");

        Assert.Equal(expected, h.Write(new CreateRequest(path, [], [], CreateMode.Persistent)).Code);
    }

    [Fact]
    public void DuplicateAclEntriesAreStoredOnce()
    {
        var h = new TreeHarness();

        h.Write(new CreateRequest("/a", [], [AclEntry.WorldAnyoneAll, AclEntry.WorldAnyoneAll], CreateMode.Persistent));

        Assert.True(h.Tree.TryGetNode("/a", out var node));
        Assert.Equal(AclEntry.OpenUnsafe, node.Acl);
    }

    [Fact]
    public void EphemeralNodeCannotHaveChildren()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Create("/e", CreateMode.Ephemeral, session);

        Assert.Equal(ResultCode.NoChildrenForEphemerals, h.Create("/e/c").Code);
        Assert.Equal(ResultCode.NoNode, h.Create("/e/c/d").Code);
        Assert.Equal(ResultCode.NodeExists, h.Create("/e").Code);
    }

    [Fact]
    public void EphemeralOwnerIsTheSession()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();

        var reply = h.Create("/e", CreateMode.Ephemeral, session);

        Assert.Equal(session.Value, Assert.IsType<CreateResult>(reply.Result).Stat.EphemeralOwner);
        Assert.Equal(new[] { "/e" }, h.Tree.EphemeralsOf(session.Value));
    }

    [Fact]
    public void EphemeralCreateNeedsALiveSession()
    {
        var h = new TreeHarness();

        Assert.Equal(ResultCode.SessionExpired, h.Create("/e", CreateMode.Ephemeral, new SessionId(42)).Code);
        Assert.Equal(ResultCode.SessionExpired, h.Create("/e", CreateMode.EphemeralSequential).Code);
    }

    [Fact]
    public void DataUpToTheLimitIsAcceptedAndOneByteMoreIsBadArguments()
    {
        var h = new TreeHarness(new PreparerOptions { MaxDataBytes = 10 });

        Assert.Equal(ResultCode.Ok, h.Create("/a", data: new byte[10]).Code);
        Assert.Equal(ResultCode.BadArguments, h.Create("/b", data: new byte[11]).Code);
    }

    [Fact]
    public void OversizeDataIsCheckedAfterExistence()
    {
        var h = new TreeHarness(new PreparerOptions { MaxDataBytes = 10 });
        h.Create("/a");

        Assert.Equal(ResultCode.NodeExists, h.Create("/a", data: new byte[11]).Code);
        Assert.Equal(ResultCode.NoNode, h.Create("/x/a", data: new byte[11]).Code);
    }

    [Fact]
    public void UndefinedCreateModeIsBadArguments() =>
        Assert.Equal(ResultCode.BadArguments, new TreeHarness().Create("/a", (CreateMode)9).Code);

    [Fact]
    public void FailedCreateChangesNothingButLastApplied()
    {
        var h = new TreeHarness();
        h.Create("/a");
        var before = h.StatOf("/a");

        var reply = h.Create("/a");

        Assert.Equal(ResultCode.NodeExists, reply.Code);
        Assert.Null(reply.Result);
        Assert.Equal(h.LastZxid.Value, reply.Zxid);
        Assert.Equal(before, h.StatOf("/a"));
        Assert.Empty(h.LastTriggers);
        Assert.Equal(h.LastZxid, h.Tree.LastApplied);
    }
}
