using System.Text;
using CoordinationService.Model;
using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.History;
using CoordinationService.Tests.Linearizability.Models;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// One client process of the register and set workloads: a random mix of plain reads (checked per
/// session), sync+reads, writes and compare-and-sets on version (checked for linearizability), and
/// sequential creates and listings of the sets. After an operation of unknown outcome it carries on
/// as a new process, after a short pause; after its session ends it opens a new one.
/// </summary>
internal sealed class DataWorker(
    string name,
    RunPaths paths,
    Func<CancellationToken, Task<IWorkloadSession>> openSession,
    RunRecord record,
    int registerKeys,
    int setKeys,
    Random random)
{
    private readonly Dictionary<string, int> _versionSeen = [];
    private SessionTracker? _session;
    private int _process;
    private int _counter;

    public int Operations { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        _process = record.NewProcess();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (_session is null || _session.Session.IsEnded)
                {
                    await ReplaceSessionAsync(stop);
                    continue;
                }

                var outcome = await OneOperationAsync(_session, stop);
                Operations++;
                if (ReadsOnly)
                {
                    await Task.Delay(10, stop);
                }

                if (outcome == Outcome.Unknown)
                {
                    _process = record.NewProcess();
                    await Task.Delay(random.Next(50, 250), stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (_session is not null)
            {
                await _session.Session.DisposeAsync();
            }
        }
    }

    private async Task ReplaceSessionAsync(CancellationToken stop)
    {
        if (_session is not null)
        {
            await _session.Session.DisposeAsync();
            _session = null;
        }

        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
            attempt.CancelAfter(TimeSpan.FromSeconds(20));
            _session = new SessionTracker(await openSession(attempt.Token), record);
            _process = record.NewProcess();
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            // No session to be had right now (a fault under way): try again shortly.
            await Task.Delay(500, stop);
        }
    }

    /// <summary>After the run: a sync+read of every register and set through <paramref name="session"/>, retried until answered.</summary>
    public async Task FinalReadsAsync(IWorkloadSession session, CancellationToken stop)
    {
        var tracker = new SessionTracker(session, record);
        _process = record.NewProcess();
        var reads = Enumerable.Range(0, registerKeys).Select(k => (Func<Task<Outcome>>)(() => ReadRegisterAsync(tracker, paths.Register(k), synced: true, stop)))
            .Concat(Enumerable.Range(0, setKeys).Select(k => (Func<Task<Outcome>>)(() => ReadSetAsync(tracker, paths.Set(k), synced: true, stop))));
        foreach (var read in reads)
        {
            while (await read() != Outcome.Ok)
            {
                _process = record.NewProcess();
                await Task.Delay(200, stop);
            }
        }
    }

    /// <summary>Only sync+reads, as fast as they are answered: a reader that watches one server closely.</summary>
    public bool ReadsOnly { get; init; }

    private Task<Outcome> OneOperationAsync(SessionTracker session, CancellationToken stop)
    {
        var roll = ReadsOnly ? 0.25 + (random.NextDouble() * 0.15) : random.NextDouble();
        var register = paths.Register(random.Next(registerKeys));
        var set = paths.Set(random.Next(setKeys));
        return roll switch
        {
            < 0.25 => ReadRegisterAsync(session, register, synced: false, stop),
            < 0.40 when !ReadsOnly || random.Next(4) > 0 => ReadRegisterAsync(session, register, synced: true, stop),
            < 0.40 => ReadSetAsync(session, set, synced: true, stop),
            < 0.55 => WriteRegisterAsync(session, register, compareAndSet: false, stop),
            < 0.75 => WriteRegisterAsync(session, register, compareAndSet: true, stop),
            < 0.87 => AddToSetAsync(session, set, stop),
            < 0.94 => ReadSetAsync(session, set, synced: true, stop),
            _ => ReadSetAsync(session, set, synced: false, stop),
        };
    }

    private async Task<Outcome> ReadRegisterAsync(SessionTracker session, string key, bool synced, CancellationToken stop)
    {
        var op = synced ? record.Registers.Invoke(_process, key, RegisterCall.Read.Instance) : null;
        if (synced)
        {
            var sync = await session.Session.SyncAsync(key, stop);
            if (!sync.IsOk)
            {
                session.Skipped();
                op!.Unknown();
                return Outcome.Unknown;
            }
        }

        var before = session.Before();
        var read = await session.Session.GetDataAsync(key, stop);
        if (!read.IsOk)
        {
            session.Skipped();
            op?.Unknown();
            return read.Outcome;
        }

        var stat = read.Value!.Stat;
        session.Saw(key, isRead: true, before, read.Zxid, stat.Version, stat.Mzxid);
        _versionSeen[key] = stat.Version;
        op?.Ok(new RegisterResult(Encoding.UTF8.GetString(read.Value.Data), stat.Version));
        return Outcome.Ok;
    }

    private async Task<Outcome> WriteRegisterAsync(SessionTracker session, string key, bool compareAndSet, CancellationToken stop)
    {
        var value = $"{name}-{++_counter}";
        // Mostly the version last seen, which is often still current; sometimes one that is surely stale.
        var expected = compareAndSet ? Math.Max(0, _versionSeen.GetValueOrDefault(key) - (random.Next(5) == 0 ? 1 : 0)) : -1;
        RegisterCall call = compareAndSet ? new RegisterCall.CompareAndSet(expected, value) : new RegisterCall.Write(value);
        var op = record.Registers.Invoke(_process, key, call);
        var before = session.Before();
        var reply = await session.Session.SetDataAsync(key, Encoding.UTF8.GetBytes(value), expected, stop);
        switch (reply.Outcome)
        {
            case Outcome.Ok:
                session.Saw(key, isRead: false, before, reply.Zxid, reply.Value!.Version, reply.Value.Mzxid);
                _versionSeen[key] = reply.Value.Version;
                op.Ok(new RegisterResult(null, reply.Value.Version));
                return Outcome.Ok;
            case Outcome.Failed when reply.Code == ResultCode.BadVersion:
                session.Skipped();
                op.Failed();
                return Outcome.Failed;
            case Outcome.Failed when !reply.Sent:
                session.Skipped();
                op.Failed();
                return Outcome.Failed;
            default:
                // Any other refusal of a write to a node that exists is as unexplained as silence.
                session.Skipped();
                op.Unknown();
                return Outcome.Unknown;
        }
    }

    private async Task<Outcome> AddToSetAsync(SessionTracker session, string set, CancellationToken stop)
    {
        var element = $"{name}-{++_counter}";
        var op = record.Sets.Invoke(_process, set, new SetCall.Add(element));
        var before = session.Before();
        var reply = await session.Session.CreateAsync(RunPaths.MemberPrefix(set, element), [], CreateMode.PersistentSequential, stop);
        if (reply.Outcome == Outcome.Ok)
        {
            var sequence = RunPaths.SequenceOf(reply.Value!.Path);
            // The parent's children version after this create is the number of creates so far.
            session.Saw(set, isRead: false, before, reply.Zxid, sequence + 1, reply.Value.Stat.Czxid);
            op.Ok(SetResult.Added(sequence));
            return Outcome.Ok;
        }

        session.Skipped();
        if (!reply.Sent)
        {
            op.Failed();
            return Outcome.Failed;
        }

        op.Unknown();
        return Outcome.Unknown;
    }

    private async Task<Outcome> ReadSetAsync(SessionTracker session, string set, bool synced, CancellationToken stop)
    {
        var op = synced ? record.Sets.Invoke(_process, set, SetCall.Read.Instance) : null;
        if (synced)
        {
            var sync = await session.Session.SyncAsync(set, stop);
            if (!sync.IsOk)
            {
                session.Skipped();
                op!.Unknown();
                return Outcome.Unknown;
            }
        }

        var before = session.Before();
        var read = await session.Session.GetChildrenAsync(set, stop);
        if (!read.IsOk)
        {
            session.Skipped();
            op?.Unknown();
            return read.Outcome;
        }

        var parent = read.Value!.Stat;
        session.Saw(set, isRead: true, before, read.Zxid, parent.Cversion, parent.Pzxid);
        op?.Ok(SetResult.Listed(read.Value.Children.Select(RunPaths.ParseMember).Select(m => new SetMember(m.Element, m.Sequence))));
        return Outcome.Ok;
    }
}
