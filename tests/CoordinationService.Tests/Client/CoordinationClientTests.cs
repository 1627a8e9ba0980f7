using System.Collections.Concurrent;
using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Client.Fakes;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Client;

public sealed class CoordinationClientTests
{
    private static readonly TimeSpan Patience = ClientFixture.Patience;

    [Fact]
    public async Task RepliesCompleteInIssueOrder()
    {
        await using var f = await ClientFixture.StartAsync();
        f.Coordinator.HoldExecutes();
        var calls = new List<Task> { f.Client.CreateAsync("/n", []) };
        await f.Coordinator.HeldExecute.WaitAsync(Patience);
        for (var i = 0; i < 63; i++)
        {
            calls.Add(i % 2 == 0 ? f.Client.CreateAsync($"/n/{i}", [(byte)i]) : f.Client.GetChildrenAsync("/n"));
        }

        var lastChildren = f.Client.GetChildrenAsync("/n");
        calls.Add(lastChildren);

        var outOfOrder = 0;
        var continuations = calls.Select((call, i) => call.ContinueWith(
            _ =>
            {
                if (calls.Take(i).Any(earlier => !earlier.IsCompleted))
                {
                    Interlocked.Increment(ref outOfOrder);
                }
            },
            TaskContinuationOptions.ExecuteSynchronously)).ToList();
        f.Coordinator.ReleaseExecutes();
        await Task.WhenAll(calls).WaitAsync(Patience);
        await Task.WhenAll(continuations);

        Assert.Equal(0, outOfOrder);
        // The 64 calls queued behind the held batch travel together, in issue order.
        var batches = f.Coordinator.Batches;
        Assert.Equal(2, batches.Count);
        Assert.Equal(64, batches[1].Requests.Count);
        var created = batches[1].Requests.OfType<CreateRequest>().Select(r => r.Path).ToList();
        Assert.Equal(Enumerable.Range(0, 63).Where(i => i % 2 == 0).Select(i => $"/n/{i}"), created);
        Assert.Equal(32, (await lastChildren).Names.Count);
    }

    [Fact]
    public async Task EventIsDispatchedBeforeTheReplyThatCarriedIt()
    {
        await using var f = await ClientFixture.StartAsync(c => c.PollDeliversEvents = false);
        await f.Client.CreateAsync("/a", [1]);
        var fired = new TaskCompletionSource<WatchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await f.Client.GetDataAsync("/a", e => fired.TrySetResult(e));

        f.Coordinator.WriteFromElsewhere(new SetDataRequest("/a", [2]));
        var read = f.Client.GetDataAsync("/a");
        var firedWhenReadCompleted = await read.ContinueWith(
            _ => fired.Task.IsCompleted, TaskContinuationOptions.ExecuteSynchronously).WaitAsync(Patience);

        Assert.True(firedWhenReadCompleted);
        Assert.Equal([2], (await read).Data);
        var watchEvent = await fired.Task;
        Assert.Equal(new WatchEventType[] { WatchEventType.NodeDataChanged }, [watchEvent.Type]);
        Assert.Equal("/a", watchEvent.Path);
        Assert.True(f.Client.LastZxidSeen >= watchEvent.Zxid);
    }

    [Fact]
    public async Task OneShotWatcherFiresOnce()
    {
        await using var f = await ClientFixture.StartAsync(c => c.PollDeliversEvents = false);
        await f.Client.CreateAsync("/a", []);
        var oneShot = 0;
        var persistent = 0;
        await f.Client.GetDataAsync("/a", _ => Interlocked.Increment(ref oneShot));
        // A persistent watch on the same path keeps events coming, so the one-shot watcher is offered each one.
        await f.Client.AddWatchAsync("/a", AddWatchMode.Persistent, _ => Interlocked.Increment(ref persistent));

        for (var i = 0; i < 3; i++)
        {
            f.Coordinator.WriteFromElsewhere(new SetDataRequest("/a", [(byte)i]));
            await f.Client.SyncAsync("/a");
        }

        Assert.Equal(1, oneShot);
        Assert.Equal(3, persistent);
    }

    [Fact]
    public async Task NotAttachedTriggersReattachWithRegisteredWatches()
    {
        await using var f = await ClientFixture.StartAsync(c => c.PollDeliversEvents = false);
        await f.Client.CreateAsync("/a", []);
        await f.Client.CreateAsync("/b", []);
        var dataFired = new TaskCompletionSource<WatchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        await f.Client.GetDataAsync("/a", e => dataFired.TrySetResult(e));
        await f.Client.GetChildrenAsync("/b", _ => { });
        await f.Client.AddWatchAsync("/c", AddWatchMode.PersistentRecursive, _ => { });
        Assert.Null(await f.Client.ExistsAsync("/missing", _ => { }));
        var firstAttachment = f.Coordinator.CurrentAttachment;
        var routingKeysBefore = f.Grains.RoutingKeys.Count;

        f.Coordinator.DropAttachment();
        var path = await f.Client.CreateAsync("/d", []);

        Assert.Equal("/d", path);
        var attach = Assert.Single(f.Coordinator.Attaches);
        Assert.Equal(FakeCoordinator.Session, attach.Session);
        Assert.Equal(FakeCoordinator.SessionPassword, attach.Password);
        Assert.NotEqual(firstAttachment, attach.Attachment);
        Assert.Equal(attach.Attachment, f.Coordinator.CurrentAttachment);
        Assert.True(f.Grains.RoutingKeys.Count > routingKeysBefore);
        Assert.Equal(
            new HashSet<WatchRegistration>
            {
                new("/a", WatchKind.Data),
                new("/b", WatchKind.Child),
                new("/c", WatchKind.PersistentRecursive),
                new("/missing", WatchKind.Exist),
            },
            attach.Watches.ToHashSet());
        // The refused batch ran nowhere (else the resent create would have answered NodeExists).
        Assert.Equal(2, f.Coordinator.Batches.Count(b => b.Requests.Any(r => r is CreateRequest { Path: "/d" })));
        Assert.Equal(SessionState.Connected, f.Client.State);

        f.Coordinator.WriteFromElsewhere(new SetDataRequest("/a", [1]));
        await f.Client.SyncAsync("/");
        Assert.Equal(WatchEventType.NodeDataChanged, (await dataFired.Task.WaitAsync(Patience)).Type);
    }

    [Fact]
    public async Task ExpiredSessionFailsPendingCalls()
    {
        await using var f = await ClientFixture.StartAsync();
        var states = new ConcurrentQueue<SessionState>();
        f.Client.StateChanged += (_, e) => states.Enqueue(e.Current);
        var watch = f.Client.WatchAsync("/w", AddWatchMode.Persistent).GetAsyncEnumerator();
        var watchEnded = watch.MoveNextAsync().AsTask();

        f.Coordinator.HoldExecutes();
        var inFlight = f.Client.CreateAsync("/x", []);
        await f.Coordinator.HeldExecute.WaitAsync(Patience);
        var queued = new Task[] { f.Client.GetDataAsync("/x"), f.Client.SetDataAsync("/x", [1]), f.Client.DeleteAsync("/x") };
        f.Coordinator.Expire();
        f.Coordinator.ReleaseExecutes();

        await Assert.ThrowsAsync<SessionExpiredException>(() => inFlight.WaitAsync(Patience));
        foreach (var call in queued)
        {
            await Assert.ThrowsAsync<SessionExpiredException>(() => call.WaitAsync(Patience));
        }

        Assert.Equal(SessionState.Expired, f.Client.State);
        Assert.Equal([SessionState.Expired], states);
        await Assert.ThrowsAsync<SessionExpiredException>(() => f.Client.ExistsAsync("/x"));
        await Assert.ThrowsAsync<SessionExpiredException>(() => watchEnded.WaitAsync(Patience));
    }

    [Fact]
    public async Task TypedExceptionPerErrorCode()
    {
        await using var f = await ClientFixture.StartAsync();
        var noNode = await Assert.ThrowsAsync<NoNodeException>(() => f.Client.GetDataAsync("/nope"));
        Assert.Equal("/nope", noNode.Path);
        Assert.Equal(ResultCode.NoNode, noNode.Code);
        await Assert.ThrowsAsync<NoNodeException>(() => f.Client.CreateAsync("/nope/child", []));

        await f.Client.CreateAsync("/p", []);
        await Assert.ThrowsAsync<NodeExistsException>(() => f.Client.CreateAsync("/p", []));
        await Assert.ThrowsAsync<BadVersionException>(() => f.Client.SetDataAsync("/p", [], version: 7));
        await f.Client.CreateAsync("/p/c", []);
        var notEmpty = await Assert.ThrowsAsync<NotEmptyException>(() => f.Client.DeleteAsync("/p"));
        Assert.Equal("/p", notEmpty.Path);
        await Assert.ThrowsAsync<UnimplementedException>(() => f.Client.GetAclAsync("/p"));

        var multi = await Assert.ThrowsAsync<MultiFailedException>(() => f.Client.MultiAsync(
            [new CreateRequest("/m", [], AclEntry.OpenUnsafe, CreateMode.Persistent), new CheckVersionRequest("/p", 9)]));
        Assert.Equal(ResultCode.BadVersion, multi.Code);
        Assert.Equal(1, multi.FailedOpIndex);
        Assert.Equal("/p", multi.Path);
        Assert.Equal([ResultCode.Ok, ResultCode.BadVersion], multi.Results.Select(r => r.Code));
        Assert.Null(await f.Client.ExistsAsync("/m"));

        var results = await f.Client.MultiAsync([new CreateRequest("/m", [], AclEntry.OpenUnsafe, CreateMode.Persistent)]);
        Assert.Equal(ResultCode.Ok, Assert.Single(results).Code);
    }

    [Fact]
    public async Task EventsAreNotDispatchedTwice()
    {
        // The fake re-sends every event on every reply and poll, acknowledged or not.
        await using var f = await ClientFixture.StartAsync(c => c.IgnoreAcks = true);
        var seen = new ConcurrentQueue<WatchEvent>();
        await f.Client.AddWatchAsync("/e", AddWatchMode.PersistentRecursive, seen.Enqueue);

        await f.Client.CreateAsync("/e", []);
        f.Coordinator.WriteFromElsewhere(new SetDataRequest("/e", [1]));
        f.Coordinator.WriteFromElsewhere(new SetDataRequest("/e", [2]));
        f.Coordinator.WriteFromElsewhere(new CreateRequest("/e/c", [], AclEntry.OpenUnsafe, CreateMode.Persistent));
        for (var i = 0; i < 3; i++)
        {
            await f.Client.SyncAsync("/");
        }

        Assert.Equal(
            [WatchEventType.NodeCreated, WatchEventType.NodeDataChanged, WatchEventType.NodeDataChanged, WatchEventType.NodeCreated],
            seen.Select(e => e.Type));
        Assert.Equal(seen.Select(e => e.Zxid).Order(), seen.Select(e => e.Zxid));
        Assert.Equal(4, seen.Select(e => e.Zxid).Distinct().Count());
    }

    [Fact]
    public async Task TransportFailureFailsWritesWithConnectionLossAndResendsReads()
    {
        await using var f = await ClientFixture.StartAsync();
        await f.Client.CreateAsync("/t", [0]);
        var states = new ConcurrentQueue<SessionState>();
        f.Client.StateChanged += (_, e) => states.Enqueue(e.Current);
        f.Coordinator.HoldExecutes();
        var held = f.Client.SyncAsync("/");
        await f.Coordinator.HeldExecute.WaitAsync(Patience);
        var write = f.Client.SetDataAsync("/t", [9]);
        var read = f.Client.GetDataAsync("/t");
        f.Coordinator.FailNextWriteBatchesAfterRunning(1);
        f.Coordinator.ReleaseExecutes();

        await held.WaitAsync(Patience);
        await Assert.ThrowsAsync<ConnectionLossException>(() => write.WaitAsync(Patience));
        // The write did run before the transport failed; the resent read sees it.
        Assert.Equal([9], (await read.WaitAsync(Patience)).Data);
        Assert.Single(f.Coordinator.Attaches);
        Assert.Equal([SessionState.Disconnected, SessionState.Connected], states);
    }

    [Fact]
    public async Task CallsASiloNeverAnswersDoNotHoldTheSessionPastItsTimeout()
    {
        // The silo behind the attachment died: Orleans would leave its calls unanswered for 30 s, longer than the session lives.
        var timeout = TimeSpan.FromSeconds(3);
        await using var f = await ClientFixture.StartAsync(configure: o => o.SessionTimeout = timeout);
        await f.Client.CreateAsync("/h", [1]);
        var states = new ConcurrentQueue<SessionState>();
        f.Client.StateChanged += (_, e) => states.Enqueue(e.Current);
        f.Coordinator.StopAnsweringCurrentAttachment();

        var write = f.Client.SetDataAsync("/h", [2]);
        var read = f.Client.GetDataAsync("/h");

        // Well within the session timeout the session is attached anew: the write's fate is unknown, the read is answered.
        await Assert.ThrowsAsync<ConnectionLossException>(() => write.WaitAsync(timeout));
        Assert.Equal([1], (await read.WaitAsync(timeout)).Data);
        Assert.Single(f.Coordinator.Attaches);
        Assert.Equal([SessionState.Disconnected, SessionState.Connected], states);
        Assert.Equal(SessionState.Connected, f.Client.State);
    }

    [Fact]
    public async Task UnreachableBeyondTheSessionTimeoutExpiresTheSession()
    {
        await using var f = await ClientFixture.StartAsync(
            configure: o => o.SessionTimeout = TimeSpan.FromSeconds(1));
        await f.Client.CreateAsync("/u", []);
        var states = new ConcurrentQueue<SessionState>();
        var expired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Client.StateChanged += (_, e) =>
        {
            states.Enqueue(e.Current);
            if (e.Current == SessionState.Expired)
            {
                expired.TrySetResult();
            }
        };

        f.Coordinator.Unreachable = true;
        var read = f.Client.GetDataAsync("/u");

        await Assert.ThrowsAsync<SessionExpiredException>(() => read.WaitAsync(Patience));
        await expired.Task.WaitAsync(Patience);
        Assert.Equal([SessionState.Disconnected, SessionState.Expired], states);
        Assert.Empty(f.Coordinator.Attaches);
    }

    [Fact]
    public async Task WatchStreamYieldsEventsAndRemovesTheWatchWhenCancelled()
    {
        await using var f = await ClientFixture.StartAsync();
        using var cts = new CancellationTokenSource();
        var received = new List<WatchEvent>();
        var stream = Task.Run(async () =>
        {
            await foreach (var e in f.Client.WatchAsync("/s", AddWatchMode.Persistent, cts.Token))
            {
                received.Add(e);
                if (received.Count == 2)
                {
                    await cts.CancelAsync();
                }
            }
        });
        await f.Coordinator.WhenRequestArrives(r => r is AddWatchRequest).WaitAsync(Patience);

        await f.Client.CreateAsync("/s", []);
        await f.Client.SetDataAsync("/s", [1]);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.WaitAsync(Patience));
        Assert.Equal([WatchEventType.NodeCreated, WatchEventType.NodeDataChanged], received.Select(e => e.Type));
        await f.Coordinator.WhenRequestArrives(r => r is RemoveWatchesRequest { Path: "/s", Type: WatcherType.Any }).WaitAsync(Patience);
    }

    [Fact]
    public async Task ResumedSessionAttachesInsteadOfOpening()
    {
        var coordinator = new FakeCoordinator();
        var grains = new FakeGrainFactory(coordinator);
        await using var client = await CoordinationClient.ConnectAsync(grains, new CoordinationClientOptions
        {
            ResumeSession = new SessionResumeInfo(FakeCoordinator.Session, FakeCoordinator.SessionPassword, 0),
        });

        Assert.Equal(FakeCoordinator.Session, client.SessionId);
        Assert.Single(coordinator.Attaches);
        await client.CreateAsync("/r", []);

        await Assert.ThrowsAsync<SessionExpiredException>(() => CoordinationClient.ConnectAsync(grains, new CoordinationClientOptions
        {
            ResumeSession = new SessionResumeInfo(FakeCoordinator.Session, [9], 0),
        }));
    }
}
