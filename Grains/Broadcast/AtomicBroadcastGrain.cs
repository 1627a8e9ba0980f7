using System.Diagnostics;
using System.Security.Cryptography;
using CoordinationService.Grains;
using CoordinationService.Hosting;
using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Operations;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Sessions;
using CoordinationService.Tree;
using CoordinationService.Txns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Broadcast;

/// <summary>
/// The leader. Each activation recovers the tree from the log, fences every older activation by
/// starting a new epoch, then runs one commit loop: order a group of writes, append them with one
/// fsync, publish them to the replicas, answer. Requests that arrive during an append wait for the
/// next group (group commit). If an append fails the activation steps down: its tree already holds
/// the unlogged writes, and only a fresh recovery from the log is trustworthy.
/// </summary>
public sealed class AtomicBroadcastGrain(
    [PersistentState("ensemble", EnsembleRecord.StorageName)] IPersistentState<EnsembleRecord> ensemble,
    ITransactionLog log,
    IOptions<CoordinationOptions> options,
    TimeProvider time,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    CoordinationMetrics metrics,
    ILogger<AtomicBroadcastGrain> logger) : Grain, IAtomicBroadcastGrain
{
    private const int MaxPullTxns = 5_000;

    private readonly CoordinationOptions _options = options.Value;
    private readonly Queue<PendingSubmit> _pending = new();
    private readonly SessionExpiryTracker _sessions = new(options.Value.TickTimeMs);
    private readonly EnsembleRecordKeeper _record = new(ensemble);
    private readonly SiloDeathSettling _settling = new(time);
    private readonly CancellationTokenSource _deactivated = new();
    private WriteOrderer _orderer = null!;
    private CommitWindow _window = null!;
    private bool _committing;
    private bool _stepDown;
    private long _sinceSnapshot;
    private long _lastSnapshotZxid;
    private Task? _snapshotting;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tree = await TreeRecovery.RecoverAsync(log, cancellationToken);
        var epoch = await log.BeginEpochAsync(cancellationToken);
        var baseZxid = tree.LastApplied.Value;
        var since = new List<TxnRecord>();
        await LogRecovery.ReplayAsync(log, tree.LastApplied, txn => { tree.Apply(txn); since.Add(txn); }, MaxPullTxns, cancellationToken);

        _window = new CommitWindow(baseZxid, _options.CommitWindowTxns);
        _window.Add(since);
        _lastSnapshotZxid = tree.LastApplied.Value;
        try
        {
            await _record.ClaimAsync(epoch.Epoch, silo.SiloAddress.ToString(), tree.LastApplied.Value, time.GetUtcNow());
        }
        catch (LeaderSteppedDownException)
        {
            LeaderLog.LostRace(logger, epoch.Epoch, _record.Current.Epoch);
            throw;
        }

        var preparer = new RequestPreparer(tree, PreparerOptionsFrom(_options), NewPassword);
        _orderer = new WriteOrderer(tree, epoch.Epoch, preparer, _sessions);

        var now = NowMs();
        foreach (var session in tree.Sessions.Values)
        {
            _sessions.Touch(session.SessionId, session.TimeoutMs, now);
        }

        var tick = TimeSpan.FromMilliseconds(_options.TickTimeMs);
        // Checked well within a tick, so a session goes about when its bucket ends, as in ZooKeeper
        // (a 4 s session about 5.5 s after it fell silent); a check that finds nothing costs nothing.
        var expiryCheck = TimeSpan.FromMilliseconds(Math.Clamp(_options.TickTimeMs / 10, 20, 200));
        this.RegisterGrainTimer(ExpireSessionsAsync, new GrainTimerCreationOptions(tick, expiryCheck) { Interleave = true });
        var reap = TimeSpan.FromMilliseconds(_options.ContainerCheckIntervalMs);
        this.RegisterGrainTimer(ReapNodesAsync, new GrainTimerCreationOptions(reap, reap) { Interleave = true });

        // On the activation's scheduler, like a timer: wakes the polls parked here when a silo leaves.
        _ = _settling.WatchAsync(membership, _window.Wake, _deactivated.Token);
        LeaderLog.Elected(logger, silo.SiloAddress.ToString(), epoch.Epoch, tree.LastApplied.Value, tree.Sessions.Count);
        metrics.LeaderElected(tree.LastApplied.Value);
    }

    public Task<SubmitReply> Submit(IReadOnlyList<SubmittedWrite> writes)
    {
        if (_stepDown)
        {
            return Task.FromException<SubmitReply>(new LeaderSteppedDownException());
        }

        var pending = new PendingSubmit(writes);
        _pending.Enqueue(pending);
        if (!_committing)
        {
            _committing = true;
            _ = CommitLoopAsync();
        }

        return pending.Completion.Task;
    }

    public async Task<CommittedBatch> PullCommitted(long afterZxid, TimeSpan maxWait)
    {
        // A leader that stepped down may be behind what the log holds: replicas must ask its successor.
        ThrowIfSteppedDown();
        if (!_window.CanServe(afterZxid))
        {
            return new CommittedBatch([], _window.LastZxid, SnapshotRequired: afterZxid < _window.BaseZxid);
        }

        if (afterZxid == _window.LastZxid && maxWait > TimeSpan.Zero)
        {
            // An empty answer after maxWait is the normal outcome of a quiet long poll.
            var changed = _window.Changed;
            await changed.WaitAsync(_settling.Cap(maxWait), time).ContinueWith(static _ => { }, TaskScheduler.Current);
            ThrowIfSteppedDown();
            if (!changed.IsCompleted)
            {
                await StepDownIfSupersededAsync();
            }
        }

        return new CommittedBatch(_window.After(afterZxid, MaxPullTxns), _window.LastZxid, SnapshotRequired: false);
    }

    public Task Touch(IReadOnlyList<long> sessionIds)
    {
        var now = NowMs();
        var tree = _orderer.Tree;
        foreach (var id in sessionIds)
        {
            if (tree.Sessions.TryGetValue(id, out var session))
            {
                _sessions.Touch(id, session.TimeoutMs, now);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> GetCommittedZxid() => Task.FromResult(_window.LastZxid);

    public Task<EnsembleRecord> GetEnsembleRecord() => Task.FromResult(_record.Current);

    public Task<LeaderStatus> GetStatus() =>
        Task.FromResult(new LeaderStatus(_orderer.Epoch, _window.LastZxid, _orderer.Tree.Sessions.Count, silo.SiloAddress.ToString()));

    private async Task CommitLoopAsync()
    {
        List<PendingSubmit> group = [];
        try
        {
            while (_pending.Count > 0 && !_stepDown)
            {
                group = TakeGroup();
                var ordered = OrderGroup(group);
                var appendStarted = Stopwatch.GetTimestamp();
                await log.AppendAsync(_orderer.Epoch, ordered.Records, CancellationToken.None);
                metrics.RecordAppend(ordered.Records.Count, appendStarted);
                _window.Add(ordered.Records);
                metrics.ObserveCommitted(_window.LastZxid);
                Answer(group, ordered.Records, ordered.Replies);
                _sinceSnapshot += ordered.Records.Count;
                if (_sinceSnapshot >= _options.SnapshotEveryTxns && _snapshotting is not { IsCompleted: false })
                {
                    _snapshotting = TakeSnapshot();
                }

                group = [];
            }
        }
        catch (LogFencedException)
        {
            LeaderLog.Fenced(logger, _orderer.Epoch);
            StepDown(group, new LeaderSteppedDownException());
        }
        catch (LeaderSteppedDownException lost)
        {
            LeaderLog.LostRace(logger, _orderer.Epoch, _record.Current.Epoch);
            StepDown(group, lost);
        }
        catch (Exception exception)
        {
            LeaderLog.AppendFailed(logger, exception, _orderer.Epoch);
            StepDown(group, exception);
        }
        finally
        {
            _committing = false;
        }
    }

    private void ThrowIfSteppedDown()
    {
        if (_stepDown)
        {
            throw new LeaderSteppedDownException();
        }
    }

    private List<PendingSubmit> TakeGroup()
    {
        var group = new List<PendingSubmit>();
        var count = 0;
        while (_pending.Count > 0 && (count == 0 || count + _pending.Peek().Writes.Count <= _options.MaxBatchTxns))
        {
            var next = _pending.Dequeue();
            group.Add(next);
            count += next.Writes.Count;
        }

        return group;
    }

    private (List<TxnRecord> Records, List<OpReply> Replies) OrderGroup(List<PendingSubmit> group)
    {
        var records = new List<TxnRecord>();
        var replies = new List<OpReply>();
        var now = NowMs();
        foreach (var submit in group)
        {
            foreach (var write in submit.Writes)
            {
                var (record, reply) = _orderer.Order(write.Session, write.Auth ?? [], write.Request, now);
                records.Add(record);
                replies.Add(reply);
            }
        }

        return (records, replies);
    }

    private static void Answer(List<PendingSubmit> group, List<TxnRecord> committed, List<OpReply> replies)
    {
        var offset = 0;
        foreach (var submit in group)
        {
            submit.Completion.TrySetResult(new SubmitReply(replies.GetRange(offset, submit.Writes.Count), committed));
            offset += submit.Writes.Count;
        }
    }

    private void StepDown(List<PendingSubmit> inFlight, Exception reason)
    {
        foreach (var submit in inFlight)
        {
            submit.Completion.TrySetException(reason);
        }

        Release(reason);
        DeactivateOnIdle();
    }

    /// <summary>
    /// Orleans may end this activation while it is leader: its directory registration lived on a silo
    /// that died, for one (see <see cref="SiloDeathSettling"/>). Queued writes fail (the forwarder
    /// answers ConnectionLoss; the client retries with the next leader) and any poll still parked ends.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivated.CancelAsync();
        if (!_stepDown && _window is not null)
        {
            if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
            {
                // A silo stopping is not news; a leader moved while its silo lives is.
                LeaderLog.Deactivated(logger, _orderer.Epoch, reason.Description);
            }

            Release(new LeaderSteppedDownException());
        }
    }

    /// <summary>Stops taking writes, fails those not yet in an append, and ends every long poll.</summary>
    private void Release(Exception reason)
    {
        _stepDown = true;
        while (_pending.TryDequeue(out var pending))
        {
            pending.Completion.TrySetException(reason);
        }

        _window.Wake();
    }

    /// <summary>
    /// An idle leader learns of a successor only from the log: Orleans can briefly run a second
    /// activation (a lost directory partition), and the older one, fenced but with nothing to append,
    /// would keep answering replicas' polls with nothing new. Checked when a poll finds nothing.
    /// </summary>
    private async Task StepDownIfSupersededAsync()
    {
        var last = await log.GetLastZxidAsync(CancellationToken.None);
        if (last.Epoch > _orderer.Epoch && !_stepDown)
        {
            LeaderLog.Fenced(logger, _orderer.Epoch);
            StepDown([], new LeaderSteppedDownException());
        }

        ThrowIfSteppedDown();
    }

    /// <summary>
    /// Serializes the tree now, while it stands at the last committed zxid, and persists it in the
    /// background: writing the snapshot, the ensemble record and the compaction cost several flushes,
    /// and the commit loop goes on meanwhile (it would otherwise stall every write behind them).
    /// </summary>
    private Task TakeSnapshot()
    {
        var tree = _orderer.Tree;
        var zxid = tree.LastApplied;
        var started = Stopwatch.GetTimestamp();
        var buffer = new MemoryStream();
        tree.WriteSnapshot(buffer);
        _sinceSnapshot = 0;
        return PersistSnapshotAsync(zxid, buffer, started);
    }

    private async Task PersistSnapshotAsync(Zxid zxid, MemoryStream buffer, long started)
    {
        try
        {
            await log.SaveSnapshotAsync(zxid, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), CancellationToken.None);
            await _record.RecordSnapshotAsync(_orderer.Epoch, zxid.Value);
            if (_lastSnapshotZxid > 0)
            {
                // Keep the log since the previous snapshot, so a replica a little behind still catches up from the log.
                await log.CompactAsync(new Zxid(_lastSnapshotZxid), CancellationToken.None);
            }

            _lastSnapshotZxid = zxid.Value;
            metrics.RecordSnapshot(started);
            LeaderLog.SnapshotTaken(logger, zxid.Value, (int)buffer.Length);
        }
        catch (Exception exception) when (exception is LogFencedException or LeaderSteppedDownException)
        {
            // A newer leader exists: the next append finds it out and steps down; its own snapshots take over.
        }
        catch (Exception exception)
        {
            LeaderLog.SnapshotFailed(logger, exception, zxid.Value);
        }
        finally
        {
            await buffer.DisposeAsync();
        }
    }

    private Task ExpireSessionsAsync()
    {
        var expired = _sessions.TakeExpired(NowMs());
        if (expired.Count > 0 && !_stepDown)
        {
            foreach (var session in expired)
            {
                LeaderLog.SessionExpired(logger, session);
            }

            metrics.SessionsExpired(expired.Count);

            _ = Submit([.. expired.Select(id => new SubmittedWrite(SessionId.None, new ExpireSessionRequest(id)))]);
        }

        return Task.CompletedTask;
    }

    private Task ReapNodesAsync()
    {
        var reapable = _orderer.Tree.FindReapable(NowMs());
        if (reapable.Count > 0 && !_stepDown)
        {
            _ = Submit([.. reapable.Select(path => new SubmittedWrite(SessionId.None, new ReapNodeRequest(path)))]);
        }

        return Task.CompletedTask;
    }

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static byte[] NewPassword() => RandomNumberGenerator.GetBytes(16);

    private static PreparerOptions PreparerOptionsFrom(CoordinationOptions options) => new()
    {
        MaxDataBytes = options.MaxDataBytes,
        MinSessionTimeoutMs = options.EffectiveMinSessionTimeoutMs,
        MaxSessionTimeoutMs = options.EffectiveMaxSessionTimeoutMs,
        TtlEnabled = options.TtlEnabled,
    };
}
