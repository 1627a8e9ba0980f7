using CoordinationService.Grains;
using CoordinationService.Requests;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Watches;

public sealed class WatchTableTests
{
    private readonly WatchTable _table = new();

    private List<(long Session, WatchEvent Event)> Fire(params WatchTrigger[] triggers)
    {
        var output = new List<(long, WatchEvent)>();
        _table.Trigger(triggers, zxid: 42, output);
        return output;
    }

    [Fact]
    public void OneShotWatchFiresOnce()
    {
        _table.Add(1, "/a", WatchKind.Data);
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Empty(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void EventCarriesTheZxidThatCausedIt()
    {
        _table.Add(1, "/a", WatchKind.Exist);
        var (session, evt) = Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeCreated)));
        Assert.Equal(1, session);
        Assert.Equal(new WatchEvent(WatchEventType.NodeCreated, "/a", 42), evt);
    }

    [Fact]
    public void DeleteNotifiesADataAndChildWatcherOnlyOnce()
    {
        _table.Add(1, "/a", WatchKind.Data);
        _table.Add(1, "/a", WatchKind.Child);
        var events = Fire(new WatchTrigger("/a", WatchEventType.NodeDeleted));
        Assert.Single(events);
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public void ChildWatchIgnoresDataChanges()
    {
        _table.Add(1, "/a", WatchKind.Child);
        Assert.Empty(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)));
    }

    [Fact]
    public void PersistentWatchKeepsFiringIncludingChildChanges()
    {
        _table.Add(1, "/a", WatchKind.Persistent);
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)));
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Empty(Fire(new WatchTrigger("/a/b", WatchEventType.NodeCreated)));
    }

    [Fact]
    public void PersistentRecursiveWatchSeesDescendantsButNeverChildrenChanged()
    {
        _table.Add(1, "/a", WatchKind.PersistentRecursive);
        Assert.Single(Fire(new WatchTrigger("/a/b/c", WatchEventType.NodeCreated)));
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged)));
        Assert.Empty(Fire(new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)));
        Assert.Empty(Fire(new WatchTrigger("/ab", WatchEventType.NodeCreated)));
        Assert.Single(Fire(new WatchTrigger("/a/b", WatchEventType.NodeDeleted)));
    }

    [Fact]
    public void RootRecursiveWatchSeesEverything()
    {
        _table.Add(7, "/", WatchKind.PersistentRecursive);
        Assert.Single(Fire(new WatchTrigger("/x", WatchEventType.NodeCreated)));
    }

    [Fact]
    public void RemoveWatchesRemovesOnlyTheNamedType()
    {
        _table.Add(1, "/a", WatchKind.Data);
        _table.Add(1, "/a", WatchKind.Child);
        Assert.True(_table.Remove(1, "/a", WatcherType.Data));
        Assert.False(_table.Remove(1, "/a", WatcherType.Data));
        Assert.Single(Fire(new WatchTrigger("/a", WatchEventType.NodeChildrenChanged)));
    }

    [Fact]
    public void RemovingASessionDropsAllItsWatches()
    {
        _table.Add(1, "/a", WatchKind.Data);
        _table.Add(1, "/b", WatchKind.PersistentRecursive);
        _table.Add(2, "/a", WatchKind.Data);
        _table.RemoveSession(1);
        var events = Fire(new WatchTrigger("/a", WatchEventType.NodeDataChanged), new WatchTrigger("/b/c", WatchEventType.NodeCreated));
        Assert.Equal([2L], events.Select(e => e.Session));
        Assert.Empty(_table.WatchesOf(1));
    }

    [Fact]
    public void WatchesOfListsWhatAReattachNeeds()
    {
        _table.Add(1, "/a", WatchKind.Data);
        _table.Add(1, "/a", WatchKind.Child);
        _table.Add(1, "/b", WatchKind.Persistent);
        Assert.Equal(
            [new WatchRegistration("/a", WatchKind.Data), new WatchRegistration("/a", WatchKind.Child), new WatchRegistration("/b", WatchKind.Persistent)],
            _table.WatchesOf(1).OrderBy(w => w.Path).ThenBy(w => w.Kind));
    }
}
