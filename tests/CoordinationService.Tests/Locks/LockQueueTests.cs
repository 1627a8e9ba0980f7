using CoordinationService.Locks;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Tree;

namespace CoordinationService.Tests.Locks;

/// <summary>The queue as the tree shows it: kazoo's and Curator's names, kazoo's order, the grant rules.</summary>
public sealed class LockQueueTests
{
    private const string Lock = "/lock";

    [Theory]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0__lock__0000000007", LockKind.Exclusive, "0000000007")]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0__rlock__0000000012", LockKind.Read, "0000000012")]
    [InlineData("0f1e2d3c4b5a69788796a5b4c3d2e1f0__lease__0000000003", LockKind.Semaphore, "0000000003")]
    [InlineData("_c_2a9cbb3e-0c3b-4d4e-9a43-5b8f1d3c6e21-lock-0000000001", LockKind.Exclusive, "0000000001")]
    [InlineData("_c_2a9cbb3e-0c3b-4d4e-9a43-5b8f1d3c6e21-__WRIT__0000000004", LockKind.Exclusive, "0000000004")]
    [InlineData("_c_2a9cbb3e-0c3b-4d4e-9a43-5b8f1d3c6e21-__READ__0000000005", LockKind.Read, "0000000005")]
    public void ContenderNamesOfKazooCuratorAndOursAreRecognised(string name, LockKind kind, string sequence)
    {
        Assert.True(LockNodeNames.TryParse(name, out var parsedKind, out var parsedSequence));
        Assert.Equal(kind, parsedKind);
        Assert.Equal(sequence, parsedSequence);
    }

    [Theory]
    [InlineData("worker-0000000001")]
    [InlineData("0f1e2d3c__lock__")]
    [InlineData("0f1e2d3c__lock__000000001")]
    [InlineData("leader")]
    public void OtherChildrenAreNotContenders(string name) => Assert.False(LockNodeNames.TryParse(name, out _, out _));

    [Fact]
    public void OurNodeNamesAreKazoosWithTheOwnerIdAsItsUuid()
    {
        var owner = Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f0__lock__", LockNodeNames.Prefix(owner, LockKind.Exclusive));
        Assert.Equal("0f1e2d3c4b5a69788796a5b4c3d2e1f0__rlock__", LockNodeNames.Prefix(owner, LockKind.Read));
    }

    [Fact]
    public void ContendersAreOrderedBySequenceAsKazooSortsThemNotByName()
    {
        var harness = new TreeHarness();
        var session = harness.OpenSession();
        harness.Create(Lock);
        var first = Contender(harness, session, "ffff", LockKind.Exclusive);
        var second = Contender(harness, session, "0000", LockKind.Read);
        harness.Create(Lock + "/not-a-contender");
        var third = Contender(harness, session, "8888", LockKind.Exclusive);

        var queue = LockQueue.Read(harness.Tree, Lock);

        Assert.Equal([first, second, third], queue.Contenders.Select(c => c.Name));
        Assert.Equal(harness.LastZxid.Value, queue.Zxid);
        Assert.All(queue.Contenders, c => Assert.Equal(session.Value, c.Session));
        Assert.Equal(harness.StatOf(Lock + "/" + third).Czxid, queue.Contenders[2].Czxid);
    }

    [Fact]
    public void AnExclusiveContenderHoldsOnlyWhenFirst()
    {
        var queue = QueueOf(LockKind.Exclusive, LockKind.Exclusive, LockKind.Read);
        Assert.True(queue.IsGranted(0, 1));
        Assert.False(queue.IsGranted(1, 1));
    }

    [Fact]
    public void ReadersHoldTogetherUntilAnExclusiveContenderIsAheadOfThem()
    {
        var queue = QueueOf(LockKind.Read, LockKind.Read, LockKind.Exclusive, LockKind.Read);
        Assert.True(queue.IsGranted(0, 1));
        Assert.True(queue.IsGranted(1, 1));
        Assert.False(queue.IsGranted(2, 1));
        Assert.False(queue.IsGranted(3, 1));
    }

    [Fact]
    public void TheFirstHolderCountSemaphoreContendersHold()
    {
        var queue = QueueOf(LockKind.Semaphore, LockKind.Semaphore, LockKind.Semaphore, LockKind.Semaphore);
        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(i => queue.IsGranted(i, 2)));
    }

    [Fact]
    public void TheSessionsNodesForAnOwnerAreFoundByTheirPrefixFirstInLineFirst()
    {
        var harness = new TreeHarness();
        var mine = harness.OpenSession();
        var other = harness.OpenSession();
        var owner = Guid.NewGuid();
        harness.Create(Lock);
        var first = harness.CreatedPath(Lock + "/" + LockNodeNames.Prefix(owner, LockKind.Exclusive), CreateMode.EphemeralSequential, mine);
        harness.CreatedPath(Lock + "/" + LockNodeNames.Prefix(Guid.NewGuid(), LockKind.Exclusive), CreateMode.EphemeralSequential, mine);
        harness.CreatedPath(Lock + "/" + LockNodeNames.Prefix(owner, LockKind.Exclusive), CreateMode.EphemeralSequential, other);
        var duplicate = harness.CreatedPath(Lock + "/" + LockNodeNames.Prefix(owner, LockKind.Exclusive), CreateMode.EphemeralSequential, mine);

        var owned = LockQueue.Read(harness.Tree, Lock).OwnedBy(owner, mine.Value);

        Assert.Equal([PathValidation.NameOf(first), PathValidation.NameOf(duplicate)], owned.Select(c => c.Name));
    }

    [Fact]
    public void AMissingLockPathIsAnEmptyQueue()
    {
        var queue = LockQueue.Read(new TreeHarness().Tree, "/nowhere");
        Assert.Empty(queue.Contenders);
        Assert.Null(queue.LockData);
    }

    private static LockQueue QueueOf(params LockKind[] kinds)
    {
        var harness = new TreeHarness();
        var session = harness.OpenSession();
        harness.Create(Lock);
        foreach (var kind in kinds)
        {
            Contender(harness, session, Guid.NewGuid().ToString("N"), kind);
        }

        return LockQueue.Read(harness.Tree, Lock);
    }

    private static string Contender(TreeHarness harness, SessionId session, string owner, LockKind kind) =>
        PathValidation.NameOf(harness.CreatedPath($"{Lock}/{owner}{LockNodeNames.Marker(kind)}", CreateMode.EphemeralSequential, session));
}
