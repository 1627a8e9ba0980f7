namespace CoordinationService.Tests.Faults;

/// <summary>
/// Writes and reads through one session until stopped, in rounds: two sequential creates with
/// payloads no other op carries, a setData of the client's register, and a getData of it, all four
/// pipelined. Every op is recorded in issue order with its outcome, for the end check.
/// </summary>
internal sealed class FaultClient(IFaultSession session, TimeSpan pause)
{
    private readonly List<OpRecord> _ops = [];
    private readonly Lock _gate = new();
    private volatile bool _returnHome;
    private long _seq;

    public IFaultSession Session => session;

    public string Name => session.Name;

    public string Parent => $"/faults/{Name}";

    public string Register => $"/faults-registers/{Name}";

    /// <summary>Rounds whose every write was acknowledged.</summary>
    public int CleanRounds { get; private set; }

    /// <summary>The ops so far, in issue order (a copy: the loop keeps adding).</summary>
    public IReadOnlyList<OpRecord> Ops
    {
        get
        {
            lock (_gate)
            {
                return [.. _ops];
            }
        }
    }

    /// <summary>Asks a client whose home silo is back to move there before its next round.</summary>
    public void ReturnHome() => _returnHome = true;

    public bool IsHome => session.Home is null || session.Server == session.Home;

    /// <summary>The first acked write issued at or after <paramref name="ticks"/> by this client while not on <paramref name="excludedSilo"/>.</summary>
    public OpRecord? FirstWriteAckedAfter(long ticks, int excludedSilo) =>
        IssuedSince(ticks).Where(o => o.Result.Outcome == Outcome.Acked && o.Server != excludedSilo).MinBy(o => o.CompletedTicks);

    /// <summary>Whether a write issued at or after <paramref name="ticks"/> through <paramref name="silo"/> was acknowledged.</summary>
    public bool HasWriteAckedThrough(int silo, long ticks) =>
        IssuedSince(ticks).Any(o => o.Result.Outcome == Outcome.Acked && o.Server == silo);

    /// <summary>Completed writes issued at or after <paramref name="ticks"/>; ops are kept in issue order, so only the tail is read.</summary>
    private List<OpRecord> IssuedSince(long ticks)
    {
        lock (_gate)
        {
            var since = new List<OpRecord>();
            for (var i = _ops.Count - 1; i >= 0 && _ops[i].IssuedTicks >= ticks; i--)
            {
                if (_ops[i].IsWrite && _ops[i].CompletedTicks > 0)
                {
                    since.Add(_ops[i]);
                }
            }

            return since;
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && session.Ended is null)
        {
            try
            {
                var moveHome = _returnHome;
                await session.PrepareAsync(moveHome, stop);
                if (moveHome && IsHome)
                {
                    _returnHome = false;
                }

                if (session.Ended is not null)
                {
                    return;
                }

                await RoundAsync();
                await Task.Delay(pause, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task RoundAsync()
    {
        var first = Issue(OpKind.Create, p => session.CreateSequentialAsync(Parent + "/w-", p));
        var second = Issue(OpKind.Create, p => session.CreateSequentialAsync(Parent + "/w-", p));
        var set = Issue(OpKind.Set, p => session.SetDataAsync(Register, p));
        var get = Issue(OpKind.Get, _ => session.GetDataAsync(Register));
        var results = await Task.WhenAll(first, second, set, get);
        if (results.Where(r => r.IsWrite).All(r => r.Result.Outcome == Outcome.Acked))
        {
            CleanRounds++;
        }
    }

    private Task<OpRecord> Issue(OpKind kind, Func<string, Task<OpResult>> start)
    {
        var seq = ++_seq;
        var payload = $"{Name}:{seq}";
        var record = new OpRecord(kind, seq, payload, OpRecord.Now, session.Server);
        lock (_gate)
        {
            _ops.Add(record);
        }

        return CompleteAsync(record, start(payload));
    }

    private async Task<OpRecord> CompleteAsync(OpRecord record, Task<OpResult> running)
    {
        var result = await running;
        lock (_gate)
        {
            record.Result = result;
            record.CompletedTicks = OpRecord.Now;
        }

        return record;
    }
}
