using System.Diagnostics.CodeAnalysis;
using CoordinationService.Front;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Txns;
using CoordinationService.Watches;

namespace CoordinationService.Replicas;

/// <summary>
/// This silo's copy of the tree: applies committed txns strictly in zxid order with no gaps, serves
/// reads, and turns what it applies into watch events for the sessions attached here. One lock
/// guards tree and watches together, so a read that sets a watch can never miss the change that
/// follows it, and an event is queued before any read can see its state.
/// </summary>
public sealed class Replica
{
    private readonly Lock _gate = new();
    private readonly WatchTable _watches = new();
    private readonly AppliedZxidWaiters _waiters = new();
    private readonly ChildChangeWaiters _childWatchers = new();
    private readonly SessionHub _hub;
    private readonly List<(long Session, WatchEvent Event)> _eventBuffer = [];
    private DataTree _tree = new();
    private long _applied;

    public Replica(SessionHub hub) => _hub = hub;

    public long AppliedZxid => Volatile.Read(ref _applied);

    /// <summary>
    /// Applies committed txns; those already applied are skipped (the feed and the write path may
    /// both deliver a txn), and the first new one must directly follow the last applied.
    /// </summary>
    public void Apply(IReadOnlyList<TxnRecord> txns)
    {
        if (txns.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            ApplyLocked(txns);
        }
    }

    /// <summary>
    /// Applies a committed group a write's reply brought, when it continues this replica without a
    /// gap; otherwise leaves it to the feed, which pulls everything in order anyway.
    /// </summary>
    public void ApplyIfNext(IReadOnlyList<TxnRecord> txns)
    {
        if (txns.Count == 0 || txns[^1].Zxid.Value <= AppliedZxid)
        {
            return;
        }

        lock (_gate)
        {
            var first = txns.FirstOrDefault(t => t.Zxid.Value > _applied);
            if (first is not null && (_tree.LastApplied == Zxid.Zero || ZxidSequence.Follows(_tree.LastApplied, first.Zxid)))
            {
                ApplyLocked(txns);
            }
        }
    }

    private void ApplyLocked(IReadOnlyList<TxnRecord> txns)
    {
        foreach (var txn in txns)
        {
            if (txn.Zxid.Value > _tree.LastApplied.Value)
            {
                ApplyOne(txn);
            }
        }

        PublishApplied();
    }

    /// <summary>Hands out the events of what was just applied, then releases whoever waited for it.</summary>
    private void PublishApplied()
    {
        _hub.Deliver(_eventBuffer);
        _eventBuffer.Clear();
        Volatile.Write(ref _applied, _tree.LastApplied.Value);
        _waiters.ReleaseUpTo(_applied);
    }

    /// <summary>
    /// Replaces the tree with one recovered from the log store (start-up, or too far behind to pull).
    /// Watches of attached sessions are re-checked against it the way a reconnecting ZooKeeper
    /// client's setWatches is, so a change skipped over still fires.
    /// </summary>
    public void Reset(DataTree recovered)
    {
        lock (_gate)
        {
            if (recovered.LastApplied.Value < _applied)
            {
                return;
            }

            var previous = _applied;
            var sessions = _watches.SessionIds();
            var registrations = sessions.Select(s => (Session: s, Watches: _watches.WatchesOf(s))).ToList();
            foreach (var session in sessions)
            {
                _watches.RemoveSession(session);
            }

            _tree = recovered;
            foreach (var (session, watches) in registrations)
            {
                RegisterWithCatchUp(session, previous, watches);
            }

            PublishApplied();
        }

        // Whatever was skipped over may have changed any node's children.
        _childWatchers.ReleaseAll();
    }

    public Task WaitForAppliedAsync(long zxid)
    {
        if (AppliedZxid >= zxid)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            return _applied >= zxid ? Task.CompletedTask : _waiters.WaitFor(zxid);
        }
    }

    /// <summary>Runs a read with the permissions of <paramref name="auth"/> and, when it asks for one, sets its watch atomically with it.</summary>
    public OpReply Read(SessionId session, ReadRequest request, IReadOnlyList<AuthId> auth)
    {
        lock (_gate)
        {
            return request switch
            {
                AddWatchRequest add => AddPersistentWatch(session, add),
                RemoveWatchesRequest remove => RemoveWatches(session, remove),
                _ => ReadAndWatch(session, request, auth),
            };
        }
    }

    /// <summary>Runs <paramref name="query"/> on the tree as of one zxid; it must be quick and must not keep what it is given.</summary>
    public T Inspect<T>(Func<DataTree, T> query)
    {
        lock (_gate)
        {
            return query(_tree);
        }
    }

    /// <summary>
    /// Runs <paramref name="query"/> and, atomically with it, starts listening for the next change to
    /// <paramref name="path"/>'s children (or to the node itself): the returned task completes at the
    /// first such change applied after the query, so nothing in between is missed.
    /// </summary>
    public (T Result, Task ChildrenChanged) InspectAndWatchChildren<T>(string path, Func<DataTree, T> query, CancellationToken cancellation)
    {
        lock (_gate)
        {
            return (query(_tree), _childWatchers.Add(path, cancellation));
        }
    }

    public bool TryGetSession(long sessionId, [NotNullWhen(true)] out SessionRecord? session)
    {
        lock (_gate)
        {
            return _tree.Sessions.TryGetValue(sessionId, out session);
        }
    }

    /// <summary>Registers a reattaching session's watches, firing those whose change it missed since <paramref name="lastZxidSeen"/>.</summary>
    public void AttachWatches(long session, long lastZxidSeen, IReadOnlyList<WatchRegistration> watches)
    {
        lock (_gate)
        {
            _watches.RemoveSession(session);
            RegisterWithCatchUp(session, lastZxidSeen, watches);
            _hub.Deliver(_eventBuffer);
            _eventBuffer.Clear();
        }
    }

    /// <summary>Adds watches a client re-sends (ZooKeeper's setWatches), firing those that missed a change since <paramref name="relativeZxid"/>.</summary>
    public void AddWatches(long session, long relativeZxid, IReadOnlyList<WatchRegistration> watches)
    {
        lock (_gate)
        {
            RegisterWithCatchUp(session, relativeZxid, watches);
            _hub.Deliver(_eventBuffer);
            _eventBuffer.Clear();
        }
    }

    public bool HasWatch(long session, string path, WatcherType type)
    {
        lock (_gate)
        {
            return _watches.Has(session, path, type);
        }
    }

    /// <summary>Counts for operators (the four-letter words, metrics).</summary>
    public ReplicaFigures Figures()
    {
        lock (_gate)
        {
            var ephemerals = _tree.Sessions.Keys.Sum(s => _tree.EphemeralsOf(s).Count);
            var (sessions, paths, watches) = _watches.DataWatchSummary();
            return new ReplicaFigures(_tree.LastApplied.Value, _tree.NodeCount, _tree.DataSize, _tree.Sessions.Count, ephemerals, sessions, paths, watches, _watches.Count);
        }
    }

    /// <summary>The session table at the applied zxid, in session id order, each with its ephemerals sorted.</summary>
    public (long Zxid, IReadOnlyList<LiveSession> Sessions) LiveSessions()
    {
        lock (_gate)
        {
            var sessions = _tree.Sessions.Values
                .OrderBy(s => s.SessionId)
                .Select(s => new LiveSession(
                    new SessionId(s.SessionId), s.TimeoutMs, [.. _tree.EphemeralsOf(s.SessionId).Order(StringComparer.Ordinal)]))
                .ToList();
            return (_tree.LastApplied.Value, sessions);
        }
    }

    /// <summary>
    /// Runs <paramref name="inspect"/> on tree and watches as one consistent view, for operators'
    /// pages. It holds the replica's lock, so it must only copy out what it needs.
    /// </summary>
    public T Inspect<T>(Func<DataTree, WatchTable, T> inspect)
    {
        lock (_gate)
        {
            return inspect(_tree, _watches);
        }
    }

    public void DropWatches(long session)
    {
        lock (_gate)
        {
            _watches.RemoveSession(session);
        }
    }

    public (long Zxid, string Digest, int NodeCount, int Watches) Describe()
    {
        lock (_gate)
        {
            return (_tree.LastApplied.Value, _tree.Digest(), _tree.NodeCount, _watches.Count);
        }
    }

    private void ApplyOne(TxnRecord txn)
    {
        var last = _tree.LastApplied;
        if (last != Zxid.Zero && !ZxidSequence.Follows(last, txn.Zxid))
        {
            throw new ReplicaGapException(last.Value, txn.Zxid.Value);
        }

        var triggers = _tree.Apply(txn);
        if (triggers.Count > 0)
        {
            _watches.Trigger(triggers, txn.Zxid.Value, _eventBuffer);
            ReleaseChildWatchers(triggers);
        }

        if (txn.Body is CloseSessionTxn close)
        {
            _watches.RemoveSession(close.SessionId);
            _hub.MarkEnded(close.SessionId);
        }
    }

    private void ReleaseChildWatchers(IReadOnlyList<WatchTrigger> triggers)
    {
        if (_childWatchers.IsEmpty)
        {
            return;
        }

        foreach (var trigger in triggers)
        {
            if (trigger.Type is WatchEventType.NodeChildrenChanged or WatchEventType.NodeCreated or WatchEventType.NodeDeleted)
            {
                _childWatchers.Release(trigger.Path);
            }
        }
    }

    private OpReply ReadAndWatch(SessionId session, ReadRequest request, IReadOnlyList<AuthId> auth)
    {
        var reply = TreeReads.Execute(_tree, request, session, auth);
        var watch = request switch
        {
            GetDataRequest { Watch: true } get when reply.IsOk => (get.Path, WatchKind.Data),
            ExistsRequest { Watch: true } exists => (exists.Path, reply.IsOk ? WatchKind.Data : WatchKind.Exist),
            GetChildrenRequest { Watch: true } children when reply.IsOk => (children.Path, WatchKind.Child),
            _ => default((string Path, WatchKind Kind)?),
        };

        if (watch is { } w && (reply.IsOk || reply.Code == ResultCode.NoNode))
        {
            _watches.Add(session.Value, w.Path, w.Kind);
        }

        return reply;
    }

    private OpReply AddPersistentWatch(SessionId session, AddWatchRequest add)
    {
        if (PathValidation.Validate(add.Path) is not null)
        {
            return OpReply.Error(ResultCode.BadArguments, _applied);
        }

        var kind = add.Mode == AddWatchMode.PersistentRecursive ? WatchKind.PersistentRecursive : WatchKind.Persistent;
        _watches.Add(session.Value, add.Path, kind);
        return new OpReply(ResultCode.Ok, EmptyResult.Instance, _applied);
    }

    private OpReply RemoveWatches(SessionId session, RemoveWatchesRequest remove) =>
        _watches.Remove(session.Value, remove.Path, remove.Type)
            ? new OpReply(ResultCode.Ok, EmptyResult.Instance, _applied)
            : OpReply.Error(ResultCode.NoWatcher, _applied);

    private void RegisterWithCatchUp(long session, long relativeZxid, IReadOnlyList<WatchRegistration> watches)
    {
        foreach (var watch in watches)
        {
            var missed = WatchCatchUp.MissedEvent(_tree, watch, relativeZxid);
            if (missed is { } type)
            {
                _eventBuffer.Add((session, new WatchEvent(type, watch.Path, _tree.LastApplied.Value)));
            }
            else
            {
                _watches.Add(session, watch.Path, watch.Kind);
            }
        }
    }
}
