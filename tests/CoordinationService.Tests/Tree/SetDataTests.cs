using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

public sealed class SetDataTests
{
    [Fact]
    public void SetDataBumpsVersionMzxidMtimeAndLeavesCversion()
    {
        // Observed: setData /s (6 children, cversion 8) gave version 1, mzxid = its zxid, cversion 8, pzxid unchanged.
        var h = new TreeHarness();
        h.Create("/s");
        h.Create("/s/c");
        var before = h.StatOf("/s");
        var time = h.Time;

        var reply = h.Write(new SetDataRequest("/s", [1, 2, 3]));

        var expected = before with { Mzxid = h.LastZxid.Value, Mtime = time, Version = 1, DataLength = 3 };
        Assert.Equal(expected, Assert.IsType<StatResult>(reply.Result).Stat);
        Assert.Equal(expected, h.StatOf("/s"));
        Assert.True(h.Tree.TryGetNode("/s", out var node));
        Assert.Equal(new byte[] { 1, 2, 3 }, node.Data);
    }

    [Fact]
    public void SetDataOnAChildLeavesTheParentAlone()
    {
        var h = new TreeHarness();
        h.Create("/s");
        h.Create("/s/c");
        var parent = h.StatOf("/s");

        h.Write(new SetDataRequest("/s/c", [4]));

        Assert.Equal(parent, h.StatOf("/s"));
    }

    [Fact]
    public void SetDataFiresNodeDataChanged()
    {
        var h = new TreeHarness();
        h.Create("/s");

        h.Write(new SetDataRequest("/s", []));

        Assert.Equal([new WatchTrigger("/s", WatchEventType.NodeDataChanged)], h.LastTriggers);
    }

    [Theory]
    [InlineData("/s//x")]
    [InlineData("/s/.")]
    [InlineData("s")]
    [InlineData("/s/")]
    public void SetDataValidatesThePathFirst(string path) =>
        Assert.Equal(ResultCode.BadArguments, new TreeHarness().Write(new SetDataRequest(path, [], 5)).Code);

    [Fact]
    public void SetDataErrorsComeInZooKeepersOrder()
    {
        var h = new TreeHarness(new PreparerOptions { MaxDataBytes = 4 });
        h.Create("/s");

        Assert.Equal(ResultCode.NoNode, h.Write(new SetDataRequest("/nope", new byte[5], 3)).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new SetDataRequest("/s", new byte[5], 3)).Code);
        Assert.Equal(ResultCode.BadArguments, h.Write(new SetDataRequest("/s", new byte[5], 0)).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new SetDataRequest("/s", new byte[4], 0)).Code);
        Assert.Equal(1, h.StatOf("/s").Version);
    }
}
