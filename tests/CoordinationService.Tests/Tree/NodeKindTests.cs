using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;

namespace CoordinationService.Tests.Tree;

public sealed class NodeKindTests
{
    [Fact]
    public void ContainerAndTtlNodesShowNoEphemeralOwner()
    {
        // Observed: containers and TTL nodes report ephemeralOwner 0 to clients.
        var h = new TreeHarness();

        var container = h.Create("/c", CreateMode.Container);
        var ttl = h.Create("/t", CreateMode.PersistentWithTtl, ttl: 100_000);

        Assert.Equal(0, Assert.IsType<CreateResult>(container.Result).Stat.EphemeralOwner);
        Assert.Equal(0, Assert.IsType<CreateResult>(ttl.Result).Stat.EphemeralOwner);
        Assert.True(h.Tree.TryGetNode("/c", out var c));
        Assert.Equal(NodeKind.Container, c.Kind);
        Assert.Equal(EphemeralOwners.Container, c.EphemeralOwner);
        Assert.Equal(0, c.ToStat().EphemeralOwner);
        Assert.True(h.Tree.TryGetNode("/t", out var t));
        Assert.Equal(NodeKind.Ttl, t.Kind);
        Assert.Equal(100_000, t.Ttl);
        Assert.Equal(EphemeralOwners.ForTtl(100_000), t.EphemeralOwner);
    }

    [Fact]
    public void ContainerAndTtlNodesMayHaveChildren()
    {
        var h = new TreeHarness();
        h.Create("/c", CreateMode.Container);
        h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1000);

        Assert.Equal(ResultCode.Ok, h.Create("/c/x").Code);
        Assert.Equal(ResultCode.Ok, h.Create("/t/x").Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(EphemeralOwners.MaxTtl + 1)]
    public void OutOfRangeTtlIsBadArguments(long ttl) =>
        Assert.Equal(ResultCode.BadArguments, new TreeHarness().Create("/t", CreateMode.PersistentWithTtl, ttl: ttl).Code);

    [Fact]
    public void LargestZooKeeperTtlIsAccepted() =>
        Assert.Equal(ResultCode.Ok, new TreeHarness().Create("/t", CreateMode.PersistentWithTtl, ttl: 0xFF_FFFF_FFFF).Code);

    [Theory]
    [InlineData(CreateMode.Persistent)]
    [InlineData(CreateMode.Ephemeral)]
    [InlineData(CreateMode.Container)]
    public void TtlWithANonTtlModeIsBadArguments(CreateMode mode)
    {
        var h = new TreeHarness();
        var session = h.OpenSession();

        Assert.Equal(ResultCode.BadArguments, h.Create("/t", mode, session, ttl: 1000).Code);
    }

    [Fact]
    public void TtlIsCheckedBeforeThePath()
    {
        // Observed: an invalid TTL answers BadArguments even when the parent is missing or the node exists.
        var h = new TreeHarness();
        h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1000);

        Assert.Equal(ResultCode.BadArguments, h.Create("/zz/tp", CreateMode.PersistentWithTtl, ttl: 0).Code);
        Assert.Equal(ResultCode.BadArguments, h.Create("/t", CreateMode.PersistentWithTtl, ttl: 0).Code);
        Assert.Equal(ResultCode.NoNode, h.Create("/zz/tp", CreateMode.PersistentWithTtl, ttl: 1000).Code);
        Assert.Equal(ResultCode.NodeExists, h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1000).Code);
    }

    [Fact]
    public void TtlWithoutExtendedTypesIsUnimplemented()
    {
        var h = new TreeHarness(new PreparerOptions { TtlEnabled = false });

        Assert.Equal(ResultCode.Unimplemented, h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1000).Code);
        Assert.Equal(ResultCode.Unimplemented, h.Create("/zz/t", CreateMode.PersistentSequentialWithTtl, ttl: 0).Code);
        Assert.Equal(ResultCode.Ok, h.Create("/c", CreateMode.Container).Code);
    }

    [Fact]
    public void ContainerThatNeverHadChildrenIsKept()
    {
        var h = new TreeHarness();
        h.Create("/c", CreateMode.Container);

        Assert.Empty(h.Tree.FindReapable(long.MaxValue));
        Assert.Equal(ResultCode.BadVersion, h.Write(new ReapNodeRequest("/c")).Code);
    }

    [Fact]
    public void ContainerWhoseLastChildIsDeletedIsReaped()
    {
        var h = new TreeHarness();
        h.Create("/c", CreateMode.Container);
        h.Create("/c/x");
        Assert.Empty(h.Tree.FindReapable(h.Time));
        Assert.Equal(ResultCode.NotEmpty, h.Write(new ReapNodeRequest("/c")).Code);

        h.Write(new DeleteRequest("/c/x"));

        Assert.Equal(new[] { "/c" }, h.Tree.FindReapable(h.Time));
        Assert.Equal(ResultCode.Ok, h.Write(new ReapNodeRequest("/c")).Code);
        Assert.False(h.Tree.TryGetNode("/c", out _));
        Assert.Equal(ResultCode.NoNode, h.Write(new ReapNodeRequest("/c")).Code);
    }

    [Fact]
    public void TtlNodeExpiresFromItsLastModification()
    {
        var h = new TreeHarness();
        h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1000);
        h.Time += 500;
        h.Write(new SetDataRequest("/t", [1]));
        var mtime = h.StatOf("/t").Mtime;

        Assert.Empty(h.Tree.FindReapable(mtime + 1000));
        Assert.Equal(new[] { "/t" }, h.Tree.FindReapable(mtime + 1001));

        h.Time = mtime + 1000;
        Assert.Equal(ResultCode.BadVersion, h.Write(new ReapNodeRequest("/t")).Code);
        h.Time = mtime + 1001;
        Assert.Equal(ResultCode.Ok, h.Write(new ReapNodeRequest("/t")).Code);
        Assert.False(h.Tree.TryGetNode("/t", out _));
    }

    [Fact]
    public void TtlNodeWithChildrenIsKept()
    {
        var h = new TreeHarness();
        h.Create("/t", CreateMode.PersistentWithTtl, ttl: 1);
        h.Create("/t/x");
        h.Time += 1000;

        Assert.Empty(h.Tree.FindReapable(h.Time));
        Assert.Equal(ResultCode.NotEmpty, h.Write(new ReapNodeRequest("/t")).Code);
    }

    [Fact]
    public void PersistentAndEphemeralNodesAreNeverReaped()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Create("/p");
        h.Create("/e", CreateMode.Ephemeral, session);

        Assert.Empty(h.Tree.FindReapable(long.MaxValue));
        Assert.Equal(ResultCode.BadVersion, h.Write(new ReapNodeRequest("/p")).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new ReapNodeRequest("/e")).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new ReapNodeRequest("/zookeeper/quota")).Code);
        Assert.Equal(ResultCode.NotEmpty, h.Write(new ReapNodeRequest("/")).Code);
    }

    [Fact]
    public void ReapableNodesComeInOrdinalOrder()
    {
        var h = new TreeHarness();
        foreach (var path in new[] { "/b", "/a", "/B" })
        {
            h.Create(path, CreateMode.PersistentWithTtl, ttl: 1);
        }

        Assert.Equal(new[] { "/B", "/a", "/b" }, h.Tree.FindReapable(h.Time + 1000));
    }
}
