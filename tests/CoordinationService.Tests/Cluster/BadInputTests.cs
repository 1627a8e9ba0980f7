using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class BadInputTests
{
    [Theory]
    [InlineData("noslash")]
    [InlineData("/trailing/")]
    [InlineData("/double//slash")]
    [InlineData("/dot/.")]
    [InlineData("/dotdot/..")]
    [InlineData("/nul\u0000char")]
    [InlineData("/ctl\u0001char")]
    public async Task InvalidPathsAreRefusedAndChangeNothing(string path)
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        await session.ExecuteAsync(Make.Create("/dot"), Make.Create("/dotdot"), Make.Create("/trailing"), Make.Create("/double"));
        var before = await cluster.FrontDoorOf(0).GetReplicaStatus();

        var reply = await session.RunAsync(Make.Create(path));

        // ZooKeeper looks the parent up first: a missing parent answers NoNode, a malformed name BadArguments.
        Assert.True(reply.Code is ResultCode.BadArguments or ResultCode.NoNode, $"{path}: {reply.Code}");
        var after = await cluster.FrontDoorOf(0).GetReplicaStatus();
        Assert.Equal(before.NodeCount, after.NodeCount);
        Assert.Equal(ResultCode.NoNode, (await session.RunAsync(new ExistsRequest(path))).Code);
    }

    [Fact]
    public async Task DataOverTheLimitIsRefusedAndTheNodeKeepsItsValue()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1, configure: o => o.MaxDataBytes = 1024);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        await session.RunAsync(Make.Create("/limited", "small"));

        var tooBig = new byte[1025];
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new SetDataRequest("/limited", tooBig))).Code);
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new CreateRequest("/big", tooBig, AclEntry.OpenUnsafe, CreateMode.Persistent))).Code);

        var data = (DataResult)(await session.RunAsync(new GetDataRequest("/limited"))).Result!;
        Assert.Equal("small", System.Text.Encoding.UTF8.GetString(data.Data));
        Assert.Equal(0, data.Stat.Version);
        Assert.Equal(ResultCode.NoNode, (await session.RunAsync(new ExistsRequest("/big"))).Code);
        Assert.Equal(ResultCode.Ok, (await session.RunAsync(new SetDataRequest("/limited", new byte[1024]))).Code);
    }

    [Fact]
    public async Task BadVersionsAreRefusedAndChangeNothing()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        var session = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        await session.ExecuteAsync(Make.Create("/versioned", "v0"), Make.Create("/versioned/child"));

        Assert.Equal(ResultCode.BadVersion, (await session.RunAsync(Make.Set("/versioned", "v1", version: 7))).Code);
        Assert.Equal(ResultCode.BadVersion, (await session.RunAsync(new DeleteRequest("/versioned", 3))).Code);
        var multi = await session.RunAsync(new MultiRequest([Make.Set("/versioned", "v1"), new CheckVersionRequest("/versioned", 0)]));
        Assert.Equal(ResultCode.BadVersion, multi.Code);
        Assert.Equal([ResultCode.Ok, ResultCode.BadVersion], ((MultiResult)multi.Result!).Results.Select(r => r.Code));

        var data = (DataResult)(await session.RunAsync(new GetDataRequest("/versioned"))).Result!;
        Assert.Equal("v0", System.Text.Encoding.UTF8.GetString(data.Data));
        Assert.Equal(0, data.Stat.Version);
    }

    [Fact]
    public async Task UnknownSessionGetsNoService()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        var reply = await cluster.FrontDoorOf(0).Execute(new Grains.SessionBatch(new SessionId(424242), Guid.NewGuid(), 0, 0, [Make.Create("/ghost")]));
        Assert.Equal(Grains.SessionStatus.NotAttached, reply.Status);
        Assert.Empty(reply.Replies);
        var check = await RawSession.OpenAsync(cluster.FrontDoorOf(0));
        Assert.Equal(ResultCode.NoNode, (await check.RunAsync(new ExistsRequest("/ghost"))).Code);
    }
}
