using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

public sealed class DeleteTests
{
    [Fact]
    public void DeleteBumpsParentCversionAndPzxidButNotMzxid()
    {
        // Observed: /s with 4 children, cversion 4; after a delete cversion 5, numChildren 3, pzxid = the delete's zxid.
        var h = new TreeHarness();
        h.Create("/s");
        for (var i = 0; i < 4; i++)
        {
            h.Create("/s/n-", CreateMode.PersistentSequential);
        }

        var before = h.StatOf("/s");

        var reply = h.Write(new DeleteRequest("/s/n-0000000000"));

        Assert.Equal(ResultCode.Ok, reply.Code);
        Assert.IsType<EmptyResult>(reply.Result);
        var after = h.StatOf("/s");
        Assert.Equal(before with { Cversion = 5, NumChildren = 3, Pzxid = h.LastZxid.Value }, after);
        Assert.False(h.Tree.TryGetNode("/s/n-0000000000", out _));
    }

    [Fact]
    public void DeleteFiresNodeDeletedThenParentChildrenChanged()
    {
        var h = new TreeHarness();
        h.Create("/a");
        h.Create("/a/b");

        h.Write(new DeleteRequest("/a/b"));

        Assert.Equal(
            [new WatchTrigger("/a/b", WatchEventType.NodeDeleted), new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)],
            h.LastTriggers);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/zookeeper")]
    [InlineData("/zookeeper/quota")]
    [InlineData("/zookeeper/config")]
    public void SystemNodesCannotBeDeleted(string path) =>
        Assert.Equal(ResultCode.BadArguments, new TreeHarness().Write(new DeleteRequest(path)).Code);

    [Fact]
    public void VersionIsCheckedBeforeChildren()
    {
        var h = new TreeHarness();
        h.Create("/s");
        h.Create("/s/c");

        Assert.Equal(ResultCode.BadVersion, h.Write(new DeleteRequest("/s", 9)).Code);
        Assert.Equal(ResultCode.NotEmpty, h.Write(new DeleteRequest("/s")).Code);
        Assert.Equal(ResultCode.NotEmpty, h.Write(new DeleteRequest("/s", 0)).Code);
    }

    [Fact]
    public void DeleteWithMatchingVersionSucceeds()
    {
        var h = new TreeHarness();
        h.Create("/s");
        h.Write(new SetDataRequest("/s", [1]));

        Assert.Equal(ResultCode.BadVersion, h.Write(new DeleteRequest("/s", 0)).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new DeleteRequest("/s", 1)).Code);
    }

    [Theory]
    [InlineData("/nope", ResultCode.NoNode)]
    [InlineData("/s//x", ResultCode.NoNode)]
    [InlineData("/s/.", ResultCode.NoNode)]
    [InlineData("/x/y", ResultCode.NoNode)]
    [InlineData("s", ResultCode.BadArguments)]
    [InlineData("/s\0", ResultCode.BadArguments)]
    public void DeleteDoesNotValidatePathsBeyondZooKeepersChecks(string path, ResultCode expected)
    {
        var h = new TreeHarness();
        h.Create("/s");

        Assert.Equal(expected, h.Write(new DeleteRequest(path, 5)).Code);
    }

    [Fact]
    public void DeleteUpdatesDataSizeAndNodeCount()
    {
        var h = new TreeHarness();
        var emptySize = h.Tree.DataSize;
        h.Create("/abc", data: [1, 2]);
        Assert.Equal(emptySize + 6, h.Tree.DataSize);
        Assert.Equal(5, h.Tree.NodeCount);

        h.Write(new DeleteRequest("/abc"));

        Assert.Equal(emptySize, h.Tree.DataSize);
        Assert.Equal(4, h.Tree.NodeCount);
    }
}
