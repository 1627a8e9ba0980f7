using System.Diagnostics;

namespace CoordinationService.Tests.Linearizability.History;

/// <summary>
/// Records the operations of concurrent clients: <see cref="Invoke"/> just before a request is sent,
/// then exactly one completion on the handle it returns. Timestamps come from <see cref="Stopwatch"/>,
/// monotonic and shared by every thread of the test process, so real-time order between clients holds.
/// </summary>
public sealed class HistoryRecorder<TCall, TResult>
{
    private readonly Lock _gate = new();
    private readonly List<Operation<TCall, TResult>> _completed = [];
    private readonly Dictionary<int, PendingOperation> _pending = [];
    private int _nextId;

    public PendingOperation Invoke(int process, string key, TCall call)
    {
        var id = Interlocked.Increment(ref _nextId);
        var pending = new PendingOperation(this, id, process, key, call, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            _pending.Add(id, pending);
        }

        return pending;
    }

    /// <summary>Every operation so far, in invocation order; any still pending counts as unknown.</summary>
    public IReadOnlyList<Operation<TCall, TResult>> Snapshot()
    {
        lock (_gate)
        {
            return [.. _completed
                .Concat(_pending.Values.Select(p => p.ToOperation(Outcome.Unknown, default, Operation<TCall, TResult>.Never)))
                .OrderBy(o => o.Invoked)
                .ThenBy(o => o.Id)];
        }
    }

    private void Complete(PendingOperation pending, Outcome outcome, TResult? result)
    {
        var completed = outcome == Outcome.Unknown ? Operation<TCall, TResult>.Never : Stopwatch.GetTimestamp();
        lock (_gate)
        {
            if (!_pending.Remove(pending.Id))
            {
                throw new InvalidOperationException($"Operation {pending.Id} was completed twice.");
            }

            _completed.Add(pending.ToOperation(outcome, result, completed));
        }
    }

    /// <summary>An invoked operation waiting for its outcome.</summary>
    public sealed class PendingOperation(HistoryRecorder<TCall, TResult> recorder, int id, int process, string key, TCall call, long invoked)
    {
        public int Id { get; } = id;

        public void Ok(TResult result) => recorder.Complete(this, Outcome.Ok, result);

        public void Failed(TResult? result = default) => recorder.Complete(this, Outcome.Failed, result);

        public void Unknown() => recorder.Complete(this, Outcome.Unknown, default);

        internal Operation<TCall, TResult> ToOperation(Outcome outcome, TResult? result, long completed) =>
            new(Id, process, key, call, outcome, result, invoked, completed);
    }
}
