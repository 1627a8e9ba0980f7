using System.Diagnostics;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// Shrinks a non-linearizable history to a small one that is still non-linearizable, using only
/// relaxations — changes after which a linearizable history would stay linearizable — so whatever it
/// ends with proves the original wrong:
/// <list type="bullet">
/// <item>cutting at a time T: operations invoked after T go, those still running at T become unknown;</item>
/// <item>dropping an operation that changed nothing (a read, a failed conditional write);</item>
/// <item>forgetting the answer of one that succeeded: it still succeeded within its interval, but what
/// it answered (a new version, a sequence number) is no longer checked.</item>
/// </list>
/// Dropping an operation that may have changed the state is not a relaxation (a read might then show a
/// value nobody wrote). Each relaxation is kept only when the history still fails, checked with a
/// small search budget, so one that would make the proof expensive is simply not made.
/// </summary>
internal sealed class HistoryMinimiser<TState, TCall, TResult>(
    ISequentialModel<TState, TCall, TResult> model,
    Func<IReadOnlyList<Operation<TCall, TResult>>, CheckResult> check,
    TimeSpan timeLimit)
    where TState : notnull
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public IReadOnlyList<Operation<TCall, TResult>> Minimise(IReadOnlyList<Operation<TCall, TResult>> history)
    {
        Fails(history);
        var cut = ShortestFailingPrefix(history);
        var withoutObservers = Relax(cut, cut.Where(o => o.IsDeterminate && !model.HasEffect(o.Call, o.Outcome)));
        return Relax(withoutObservers, withoutObservers.Where(o => o.Outcome == Outcome.Ok));
    }

    /// <summary>The operation the last failing check could not get past, by id: the first guess at what matters.</summary>
    private int? _stuck;

    private bool Fails(IReadOnlyList<Operation<TCall, TResult>> ops)
    {
        var result = check(ops);
        if (result.Verdict != Verdict.NotLinearizable)
        {
            return false;
        }

        _stuck = result.Stuck is { } index ? ops[index].Id : null;
        return true;
    }

    private bool OutOfTime => _clock.Elapsed > timeLimit;

    /// <summary>Binary search over cut times: a history cut earlier is a relaxation of one cut later, so failing is monotone.</summary>
    private IReadOnlyList<Operation<TCall, TResult>> ShortestFailingPrefix(IReadOnlyList<Operation<TCall, TResult>> history)
    {
        var times = history.Where(o => o.IsDeterminate).Select(o => o.Completed).Distinct().Order().ToList();
        var best = history;
        int lo = 0, hi = times.Count - 1;
        while (lo <= hi && !OutOfTime)
        {
            var mid = (lo + hi) / 2;
            var candidate = CutAt(history, times[mid] + 1);
            if (Fails(candidate))
            {
                best = candidate;
                hi = mid - 1;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return best;
    }

    private List<Operation<TCall, TResult>> CutAt(IReadOnlyList<Operation<TCall, TResult>> history, long time) =>
        [.. history.Where(o => o.Invoked < time)
            .Select(o => o.Completed >= time ? o.AsUnknown() : o)
            .Where(o => o.IsDeterminate || model.HasEffect(o.Call, o.Outcome))];

    /// <summary>
    /// Relaxes what it can of <paramref name="targets"/>, latest first, in chunks halving down to one
    /// (as delta debugging does); a relaxation is kept when the history still fails.
    /// </summary>
    private IReadOnlyList<Operation<TCall, TResult>> Relax(IReadOnlyList<Operation<TCall, TResult>> history, IEnumerable<Operation<TCall, TResult>> targets)
    {
        var current = history;
        var ids = targets.OrderByDescending(o => o.Completed).Select(o => o.Id).ToList();

        // The operation the search got stuck on is usually the failure itself: try keeping only it first.
        if (!OutOfTime && ids.Count > 1)
        {
            var allButStuck = RelaxAll(current, [.. ids.Where(id => id != _stuck)]);
            if (Fails(allButStuck))
            {
                return allButStuck;
            }
        }

        for (var size = Math.Max(1, ids.Count / 2); !OutOfTime; size /= 2)
        {
            for (var start = 0; start < ids.Count && !OutOfTime;)
            {
                var count = Math.Min(size, ids.Count - start);
                var chunk = ids.GetRange(start, count).ToHashSet();
                var candidate = RelaxAll(current, chunk);
                if (Fails(candidate))
                {
                    current = candidate;
                    ids.RemoveRange(start, count);
                }
                else
                {
                    start += count;
                }
            }

            if (size <= 1)
            {
                break;
            }
        }

        return current;
    }

    private List<Operation<TCall, TResult>> RelaxAll(IReadOnlyList<Operation<TCall, TResult>> ops, HashSet<int> ids)
    {
        var relaxed = new List<Operation<TCall, TResult>>(ops.Count);
        foreach (var op in ops)
        {
            if (!ids.Contains(op.Id))
            {
                relaxed.Add(op);
            }
            else if (op.Outcome == Outcome.Ok && model.HasEffect(op.Call, op.Outcome))
            {
                relaxed.Add(op.AsHappened());
            }
        }

        return relaxed;
    }
}
