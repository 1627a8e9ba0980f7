using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Tests.Tree;

public sealed class SetAclTests
{
    private static readonly IReadOnlyList<AclEntry> ReadOnly = [new AclEntry(Permissions.Read, "world", "anyone")];

    // Keeps ADMIN, so the node's ACL can be set again afterwards.
    private static readonly IReadOnlyList<AclEntry> ReadAdmin = [new AclEntry(Permissions.Read | Permissions.Admin, "world", "anyone")];

    [Fact]
    public void SetAclBumpsAversionOnly()
    {
        // Observed: setACL on /s gave aversion 1 with mzxid, mtime and version unchanged.
        var h = new TreeHarness();
        h.Create("/s");
        var before = h.StatOf("/s");

        var reply = h.Write(new SetAclRequest("/s", ReadOnly));

        Assert.Equal(before with { Aversion = 1 }, Assert.IsType<StatResult>(reply.Result).Stat);
        Assert.Equal(before with { Aversion = 1 }, h.StatOf("/s"));
        Assert.True(h.Tree.TryGetNode("/s", out var node));
        Assert.Equal(ReadOnly, node.Acl);
        Assert.Empty(h.LastTriggers);
    }

    [Fact]
    public void EmptyAclIsInvalidEvenForAMissingNode()
    {
        var h = new TreeHarness();
        h.Create("/s");

        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/s", [])).Code);
        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/nonode", [])).Code);
    }

    [Fact]
    public void SetAclErrorsComeInZooKeepersOrder()
    {
        var h = new TreeHarness();
        h.Create("/s");

        Assert.Equal(ResultCode.BadArguments, h.Write(new SetAclRequest("/s/.", [])).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new SetAclRequest("/nonode", ReadOnly)).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new SetAclRequest("/s", ReadOnly, 7)).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new SetAclRequest("/s", ReadAdmin, 0)).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new SetAclRequest("/s", ReadAdmin, 0)).Code);
    }

    [Fact]
    public void SetAclVersionIsTheAversionNotTheDataVersion()
    {
        var h = new TreeHarness();
        h.Create("/s");
        h.Write(new SetDataRequest("/s", [1]));

        Assert.Equal(ResultCode.BadVersion, h.Write(new SetAclRequest("/s", ReadOnly, 1)).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new SetAclRequest("/s", ReadOnly, 0)).Code);
    }

    [Fact]
    public void ConfigNodeAversionStartsAtMinusOne()
    {
        // Observed: /zookeeper/config is world:anyone READ with aversion -1; without "super"
        // (not supported here) nobody may set its ACL, so it stays so.
        var h = new TreeHarness();

        Assert.Equal(-1, h.StatOf("/zookeeper/config").Aversion);
        Assert.Equal(ResultCode.NoAuth, h.Write(new SetAclRequest("/zookeeper/config", ReadOnly, -1)).Code);
        Assert.Equal(-1, h.StatOf("/zookeeper/config").Aversion);
    }
}
