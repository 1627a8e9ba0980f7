using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;
using Orleans.Runtime;

namespace CoordinationService.Tests.Client.Fakes;

/// <summary>
/// An in-memory coordinator for one session, with the knobs tests need: hold Execute calls, drop the
/// attachment (as a silo restart would), expire the session, fail a call in transport, change nodes
/// "from another client", and re-send events the client already acknowledged.
/// </summary>
internal sealed class FakeCoordinator : ICoordinatorGrain
{
    public static readonly SessionId Session = new(0x1234);
    public static readonly byte[] SessionPassword = [1, 2, 3, 4];

    private readonly Lock _lock = new();
    private readonly FakeTree _tree = new();
    private readonly HashSet<WatchRegistration> _watches = [];
    private readonly List<SessionEvent> _events = [];
    private readonly List<SessionBatch> _batches = [];
    private readonly List<AttachRequest> _attaches = [];
    private readonly List<(Func<ClientRequest, bool> Match, TaskCompletionSource Seen)> _batchWaiters = [];
    private TaskCompletionSource _eventsArrived = NewSignal();
    private TaskCompletionSource? _executeGate;
    private Guid _attachment;
    private Guid? _silentAttachment;
    private long _nextSeq;
    private bool _expired;
    private int _transportFailures;

    /// <summary>When false, polls only keep the session alive: events ride on Execute replies alone.</summary>
    public bool PollDeliversEvents { get; set; } = true;

    /// <summary>When true, every call fails as if no silo could be reached.</summary>
    public bool Unreachable { get; set; }

    /// <summary>When true, acknowledged events are delivered again, to test the client's de-duplication.</summary>
    public bool IgnoreAcks { get; set; }

    public IReadOnlyList<SessionBatch> Batches
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches];
            }
        }
    }

    public IReadOnlyList<AttachRequest> Attaches
    {
        get
        {
            lock (_lock)
            {
                return [.. _attaches];
            }
        }
    }

    public Guid CurrentAttachment
    {
        get
        {
            lock (_lock)
            {
                return _attachment;
            }
        }
    }

    /// <summary>Completes once a batch carrying a matching request has reached the coordinator.</summary>
    public Task WhenRequestArrives(Func<ClientRequest, bool> match)
    {
        lock (_lock)
        {
            if (_batches.Any(b => b.Requests.Any(match)))
            {
                return Task.CompletedTask;
            }

            var seen = NewSignal();
            _batchWaiters.Add((match, seen));
            return seen.Task;
        }
    }

    /// <summary>Execute calls wait until <see cref="ReleaseExecutes"/>.</summary>
    public void HoldExecutes()
    {
        lock (_lock)
        {
            _executeGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void ReleaseExecutes()
    {
        TaskCompletionSource? gate;
        lock (_lock)
        {
            gate = _executeGate;
            _executeGate = null;
        }

        gate?.TrySetResult();
    }

    /// <summary>Completes once an Execute call is waiting at the gate.</summary>
    public Task HeldExecute
    {
        get
        {
            lock (_lock)
            {
                return _held.Task;
            }
        }
    }

    private readonly TaskCompletionSource _held = NewSignal();

    /// <summary>
    /// Calls on the current attachment are never answered, as when the silo behind it died and the
    /// Orleans client waits out its response timeout; an attachment made after this works again.
    /// </summary>
    public void StopAnsweringCurrentAttachment()
    {
        lock (_lock)
        {
            _silentAttachment = _attachment;
        }
    }

    public void DropAttachment()
    {
        lock (_lock)
        {
            _attachment = Guid.Empty;
            _watches.Clear();
            _events.Clear();
        }
    }

    public void Expire()
    {
        lock (_lock)
        {
            _expired = true;
        }

        Signal();
    }

    /// <summary>The next <paramref name="count"/> Execute calls carrying a write run their requests, then
    /// fail as the transport would: the client cannot know the writes happened.</summary>
    public void FailNextWriteBatchesAfterRunning(int count)
    {
        lock (_lock)
        {
            _transportFailures = count;
        }
    }

    /// <summary>A write by some other session: fires this session's watches.</summary>
    public OpReply WriteFromElsewhere(WriteRequest request)
    {
        OpReply reply;
        lock (_lock)
        {
            reply = Run(request, SessionId.None);
        }

        Signal();
        return reply;
    }

    public Task<SessionHandshake> OpenSession(OpenSessionRequest request)
    {
        ThrowIfUnreachable();
        lock (_lock)
        {
            _attachment = request.Attachment;
            return Task.FromResult(new SessionHandshake(Session, SessionPassword, request.TimeoutMs, _tree.Zxid));
        }
    }

    public Task<AttachReply> Attach(AttachRequest request)
    {
        ThrowIfUnreachable();
        lock (_lock)
        {
            _attaches.Add(request);
            if (_expired || request.Session != Session || !request.Password.SequenceEqual(SessionPassword))
            {
                return Task.FromResult(new AttachReply(ResultCode.SessionExpired, 0, _tree.Zxid));
            }

            _attachment = request.Attachment;
            _nextSeq = 0;
            _events.Clear();
            _watches.Clear();
            _watches.UnionWith(request.Watches);
            return Task.FromResult(new AttachReply(ResultCode.Ok, 10_000, _tree.Zxid));
        }
    }

    public async Task<BatchReply> Execute(SessionBatch batch)
    {
        ThrowIfUnreachable();
        await NeverIfSilent(batch.Attachment);
        TaskCompletionSource? gate;
        lock (_lock)
        {
            _batches.Add(batch);
            gate = _executeGate;
            foreach (var waiter in _batchWaiters.Where(w => batch.Requests.Any(w.Match)).ToList())
            {
                waiter.Seen.TrySetResult();
                _batchWaiters.Remove(waiter);
            }
        }

        if (gate is not null)
        {
            _held.TrySetResult();
            await gate.Task;
        }

        BatchReply reply;
        bool failTransport;
        lock (_lock)
        {
            if (Status(batch.Session, batch.Attachment) is { } status)
            {
                return new BatchReply(status, [], []);
            }

            Ack(batch.AckedEventSeq);
            var replies = batch.Requests.Select(r => r switch
            {
                WriteRequest w => Run(w, Session),
                ReadRequest read => Read(read),
                _ => OpReply.Error(ResultCode.Unimplemented, _tree.Zxid),
            }).ToList();
            reply = new BatchReply(SessionStatus.Active, [.. _events], replies);
            failTransport = _transportFailures > 0 && batch.Requests.Any(r => r is WriteRequest);
            if (failTransport)
            {
                _transportFailures--;
            }
        }

        Signal();
        return failTransport ? throw new TimeoutException("fake transport failure") : reply;
    }

    public async Task<EventsReply> Poll(PollRequest request)
    {
        ThrowIfUnreachable();
        await NeverIfSilent(request.Attachment);
        var deadline = DateTime.UtcNow + request.MaxWait;
        while (true)
        {
            Task signal;
            lock (_lock)
            {
                if (Status(request.Session, request.Attachment) is { } status)
                {
                    return new EventsReply(status, []);
                }

                Ack(request.AckedEventSeq);
                if (PollDeliversEvents && _events.Count > 0)
                {
                    return new EventsReply(SessionStatus.Active, [.. _events]);
                }

                signal = _eventsArrived.Task;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return new EventsReply(SessionStatus.Active, []);
            }

            // Without event delivery a poll is a pure keep-alive: it sleeps its full wait, so it never races a test.
            await (PollDeliversEvents ? Task.WhenAny(signal, Task.Delay(left)) : Task.Delay(left));
        }
    }

    public Task<ReplicaStatus> GetReplicaStatus() =>
        Task.FromResult(new ReplicaStatus("fake", _tree.Zxid, "", 0, 0));

    public Task<LiveSessions> ListSessions() =>
        Task.FromResult(new LiveSessions("fake", _tree.Zxid, []));

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
        {
            throw new SiloUnavailableException("fake: no silo answers");
        }
    }

    private Task NeverIfSilent(Guid attachment)
    {
        lock (_lock)
        {
            return attachment == _silentAttachment ? new TaskCompletionSource().Task : Task.CompletedTask;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            signal = _eventsArrived;
            _eventsArrived = NewSignal();
        }

        signal.TrySetResult();
    }

    private SessionStatus? Status(SessionId session, Guid attachment) =>
        _expired || session != Session ? SessionStatus.Expired
        : attachment != _attachment ? SessionStatus.NotAttached
        : null;

    private void Ack(long acked)
    {
        if (!IgnoreAcks)
        {
            _events.RemoveAll(e => e.Seq <= acked);
        }
    }

    private OpReply Run(WriteRequest request, SessionId session)
    {
        if (request is CloseSessionRequest)
        {
            _expired = true;
            return new OpReply(ResultCode.Ok, EmptyResult.Instance, _tree.Zxid);
        }

        var triggers = new List<WatchTrigger>();
        var reply = _tree.Apply(request, session.Value, triggers);
        foreach (var trigger in triggers)
        {
            Fire(trigger, reply.Zxid);
        }

        return reply;
    }

    private OpReply Read(ReadRequest request)
    {
        var reply = _tree.Read(request);
        switch (request)
        {
            case GetDataRequest { Watch: true } r when reply.IsOk:
                _watches.Add(new WatchRegistration(r.Path, WatchKind.Data));
                break;
            case ExistsRequest { Watch: true } r:
                _watches.Add(new WatchRegistration(r.Path, reply.IsOk ? WatchKind.Data : WatchKind.Exist));
                break;
            case GetChildrenRequest { Watch: true } r when reply.IsOk:
                _watches.Add(new WatchRegistration(r.Path, WatchKind.Child));
                break;
            case AddWatchRequest r:
                _watches.Add(new WatchRegistration(
                    r.Path, r.Mode == AddWatchMode.Persistent ? WatchKind.Persistent : WatchKind.PersistentRecursive));
                break;
            case RemoveWatchesRequest r:
                _watches.RemoveWhere(w => w.Path == r.Path);
                break;
        }

        return reply;
    }

    private void Fire(WatchTrigger trigger, long zxid)
    {
        var fires = _watches.Where(w => Matches(w, trigger)).ToList();
        if (fires.Count == 0)
        {
            return;
        }

        _watches.RemoveWhere(w => fires.Contains(w) && w.Kind is WatchKind.Data or WatchKind.Exist or WatchKind.Child);
        _events.Add(new SessionEvent(++_nextSeq, new WatchEvent(trigger.Type, trigger.Path, zxid)));
    }

    private static bool Matches(WatchRegistration w, WatchTrigger t) => w.Kind switch
    {
        WatchKind.Data or WatchKind.Exist => w.Path == t.Path && t.Type != WatchEventType.NodeChildrenChanged,
        WatchKind.Child => w.Path == t.Path && t.Type is WatchEventType.NodeChildrenChanged or WatchEventType.NodeDeleted,
        WatchKind.Persistent => w.Path == t.Path,
        WatchKind.PersistentRecursive => (t.Path == w.Path || t.Path.StartsWith(w.Path.TrimEnd('/') + "/", StringComparison.Ordinal))
            && t.Type != WatchEventType.NodeChildrenChanged,
        _ => false,
    };
}
