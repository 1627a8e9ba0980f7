using CoordinationService.Front;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Tests.Tree;
using CoordinationService.Tree;

namespace CoordinationService.Tests.Replicas;

/// <summary>The replica's in-silo listeners on a node's children, which the lock grain waits on instead of polling.</summary>
public sealed class ChildChangeListenerTests
{
    private readonly TreeHarness _leader = new();
    private readonly Replica _replica = new(new SessionHub(TimeProvider.System));
    private int _shipped;

    [Fact]
    public void AListenerWakesOnTheFirstChildCreatedOrDeletedAfterItsQueryAndNotBefore()
    {
        _leader.Create("/lock");
        _leader.Create("/elsewhere");
        Ship();
        var (count, changed) = _replica.InspectAndWatchChildren("/lock", ChildCount("/lock"), CancellationToken.None);
        Assert.Equal(0, count);

        _leader.Create("/elsewhere/child");
        _leader.Write(new Requests.SetDataRequest("/lock", [1]));
        Ship();
        Assert.False(changed.IsCompleted, "a change elsewhere or to the node's data is not a change of its children");

        var session = _leader.OpenSession();
        var child = _leader.CreatedPath("/lock/a-", CreateMode.EphemeralSequential, session);
        Ship();
        Assert.True(changed.IsCompletedSuccessfully);

        var (_, next) = _replica.InspectAndWatchChildren("/lock", ChildCount("/lock"), CancellationToken.None);
        _leader.Write(new Requests.DeleteRequest(child));
        Ship();
        Assert.True(next.IsCompletedSuccessfully);
    }

    [Fact]
    public void AListenerWakesWhenTheSessionOwningAChildEnds()
    {
        _leader.Create("/lock");
        var session = _leader.OpenSession();
        _leader.CreatedPath("/lock/a-", CreateMode.EphemeralSequential, session);
        Ship();
        var (_, changed) = _replica.InspectAndWatchChildren("/lock", ChildCount("/lock"), CancellationToken.None);

        _leader.Write(new Requests.CloseSessionRequest(), session);
        Ship();
        Assert.True(changed.IsCompletedSuccessfully);
        Assert.Equal(0, _replica.Inspect(ChildCount("/lock")));
    }

    [Fact]
    public void ACancelledListenerIsForgotten()
    {
        _leader.Create("/lock");
        Ship();
        using var stop = new CancellationTokenSource();
        var (_, changed) = _replica.InspectAndWatchChildren("/lock", ChildCount("/lock"), stop.Token);

        stop.Cancel();
        Assert.True(changed.IsCanceled);
        _leader.Create("/lock/child");
        Ship();
        Assert.True(changed.IsCanceled);
    }

    [Fact]
    public void ATreeRecoveredFromASnapshotWakesEveryListener()
    {
        _leader.Create("/lock");
        Ship();
        var (_, changed) = _replica.InspectAndWatchChildren("/lock", ChildCount("/lock"), CancellationToken.None);
        _leader.Create("/lock/child");
        var recovered = new DataTree();
        foreach (var txn in _leader.Log)
        {
            recovered.Apply(txn);
        }

        _replica.Reset(recovered);
        Assert.True(changed.IsCompletedSuccessfully);
    }

    private static Func<DataTree, int> ChildCount(string path) =>
        tree => tree.TryGetNode(path, out var node) ? node.Children.Count : -1;

    private void Ship()
    {
        _replica.Apply([.. _leader.Log.Skip(_shipped)]);
        _shipped = _leader.Log.Count;
    }
}
