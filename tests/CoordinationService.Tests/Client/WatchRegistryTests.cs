using CoordinationService.Client.Session;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoordinationService.Tests.Client;

public sealed class WatchRegistryTests
{
    private readonly WatchRegistry _registry = new();
    private readonly EventDispatcher _dispatcher;
    private readonly Guid _attachment = Guid.NewGuid();
    private readonly List<(string Watcher, WatchEvent Event)> _fired = [];
    private long _seq;

    public WatchRegistryTests()
    {
        _dispatcher = new EventDispatcher(_registry, _ => { }, NullLogger.Instance);
        _dispatcher.Reset(_attachment);
    }

    [Fact]
    public void EventHeldForAPendingWatchFiresOnceTheReplyConfirmsIt()
    {
        // A poll brings the change before the reply of the read that set the watch.
        var watch = Pending("w", "/a", WatchKind.Data);
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/a", 11));
        Assert.Empty(_fired);

        Confirm(watch, new GetDataRequest("/a", true), Ok(zxid: 10));

        Assert.Equal(("w", WatchEventType.NodeDataChanged), (_fired.Single().Watcher, _fired.Single().Event.Type));
        Assert.Empty(_registry.Registrations());
    }

    [Fact]
    public void EventOlderThanTheReadDoesNotFireTheWatchItSet()
    {
        var watch = Pending("w", "/a", WatchKind.Data);
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/a", 9));
        Confirm(watch, new GetDataRequest("/a", true), Ok(zxid: 10));

        Assert.Empty(_fired);
        Assert.Equal([new WatchRegistration("/a", WatchKind.Data)], _registry.Registrations());
    }

    [Fact]
    public void OneShotWatchFiresOnce()
    {
        Confirm(Pending("w", "/a", WatchKind.Data), new GetDataRequest("/a", true), Ok(zxid: 1));
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/a", 2));
        Deliver(new WatchEvent(WatchEventType.NodeDeleted, "/a", 3));

        Assert.Single(_fired);
    }

    [Fact]
    public void ExistsOnAMissingNodeSetsAnExistWatchThatFiresOnCreate()
    {
        Confirm(Pending("w", "/a", WatchKind.Exist), new ExistsRequest("/a", true), OpReply.Error(ResultCode.NoNode, 1));
        Assert.Equal([new WatchRegistration("/a", WatchKind.Exist)], _registry.Registrations());

        Deliver(new WatchEvent(WatchEventType.NodeCreated, "/a", 2));
        Assert.Single(_fired);
    }

    [Fact]
    public void FailedReadSetsNoWatch()
    {
        Confirm(Pending("w", "/a", WatchKind.Data), new GetDataRequest("/a", true), OpReply.Error(ResultCode.NoNode, 1));
        Deliver(new WatchEvent(WatchEventType.NodeCreated, "/a", 2));

        Assert.Empty(_fired);
        Assert.Empty(_registry.Registrations());
    }

    [Fact]
    public void ChildWatchFiresOnChildrenChangedAndDeleteOnly()
    {
        Confirm(Pending("c", "/p", WatchKind.Child), new GetChildrenRequest("/p", true), Ok(zxid: 1));
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/p", 2));
        Assert.Empty(_fired);

        Deliver(new WatchEvent(WatchEventType.NodeChildrenChanged, "/p", 3));
        Assert.Single(_fired);
    }

    [Fact]
    public void RecursiveWatchSeesDescendantsButNotChildrenChanged()
    {
        Confirm(Pending("r", "/p", WatchKind.PersistentRecursive), new AddWatchRequest("/p", AddWatchMode.PersistentRecursive), Ok(zxid: 1));
        Deliver(new WatchEvent(WatchEventType.NodeCreated, "/p/a/b", 2));
        Deliver(new WatchEvent(WatchEventType.NodeChildrenChanged, "/p/a", 2));
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/px", 3));
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/p", 4));

        Assert.Equal(["/p/a/b", "/p"], _fired.Select(f => f.Event.Path));
    }

    [Fact]
    public void EventsFromAStaleAttachmentAreDropped()
    {
        Confirm(Pending("p", "/a", WatchKind.Persistent), new AddWatchRequest("/a", AddWatchMode.Persistent), Ok(zxid: 1));
        var stale = _attachment;
        _dispatcher.Reset(Guid.NewGuid());

        _dispatcher.Deliver(stale, [new SessionEvent(1, new WatchEvent(WatchEventType.NodeDataChanged, "/a", 2))]);

        Assert.Empty(_fired);
        Assert.Equal(0, _dispatcher.AckedSeqFor(stale));
    }

    [Fact]
    public void SeqsCountAfreshOnANewAttachment()
    {
        Confirm(Pending("p", "/a", WatchKind.Persistent), new AddWatchRequest("/a", AddWatchMode.Persistent), Ok(zxid: 1));
        Deliver(new WatchEvent(WatchEventType.NodeDataChanged, "/a", 2));
        var next = Guid.NewGuid();
        _dispatcher.Reset(next);

        _dispatcher.Deliver(next, [new SessionEvent(1, new WatchEvent(WatchEventType.NodeDataChanged, "/a", 3))]);

        Assert.Equal(2, _fired.Count);
        Assert.Equal(1, _dispatcher.AckedSeqFor(next));
    }

    private WatchEntry Pending(string name, string path, WatchKind kind) =>
        _registry.AddPending(path, kind, e => _fired.Add((name, e)));

    private void Confirm(WatchEntry entry, ClientRequest request, OpReply reply) =>
        _dispatcher.Deliver(_attachment, [], [new WatchCompletion(entry, request, reply)]);

    private void Deliver(WatchEvent watchEvent) =>
        _dispatcher.Deliver(_attachment, [new SessionEvent(++_seq, watchEvent)]);

    private static OpReply Ok(long zxid) => new(ResultCode.Ok, EmptyResult.Instance, zxid);
}
