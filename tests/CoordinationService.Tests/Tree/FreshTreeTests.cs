using CoordinationService.Model;
using CoordinationService.Tree;

namespace CoordinationService.Tests.Tree;

/// <summary>Reference values from `stat` on a fresh ZooKeeper 3.8.</summary>
public sealed class FreshTreeTests
{
    [Fact]
    public void FreshTreeHasTheZooKeeperSystemNodes()
    {
        var tree = new DataTree();

        Assert.Equal(4, tree.NodeCount);
        Assert.True(tree.TryGetNode("/", out var root));
        Assert.Equal(new[] { "zookeeper" }, root.Children);
        Assert.True(tree.TryGetNode("/zookeeper", out var zookeeper));
        Assert.Equal(new[] { "config", "quota" }, zookeeper.Children.Order(StringComparer.Ordinal));
        Assert.Equal(Zxid.Zero, tree.LastApplied);
        Assert.Empty(tree.Sessions);
    }

    [Fact]
    public void FreshRootStatMatchesZooKeeper()
    {
        // Observed: cZxid 0, ctime 0, cversion -1 (persisted creates 0, one child), numChildren 1, pzxid 0.
        var tree = new DataTree();

        Assert.True(tree.TryGetNode("/", out var root));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0), root.ToStat());
    }

    [Fact]
    public void FreshSystemNodeStatsMatchZooKeeper()
    {
        var tree = new DataTree();

        Assert.True(tree.TryGetNode("/zookeeper", out var zookeeper));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0), zookeeper.ToStat());
        Assert.True(tree.TryGetNode("/zookeeper/quota", out var quota));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), quota.ToStat());
        Assert.True(tree.TryGetNode("/zookeeper/config", out var config));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0), config.ToStat());
    }

    [Fact]
    public void SystemNodeAclsMatchZooKeeper()
    {
        var tree = new DataTree();

        Assert.True(tree.TryGetNode("/", out var root));
        Assert.Equal(AclEntry.OpenUnsafe, root.Acl);
        Assert.True(tree.TryGetNode("/zookeeper/config", out var config));
        Assert.Equal(new[] { new AclEntry(Permissions.Read, "world", "anyone") }, config.Acl);
    }

    [Fact]
    public void FreshTreesHaveEqualDigests() => Assert.Equal(new DataTree().Digest(), new DataTree().Digest());
}
