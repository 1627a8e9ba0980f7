using System.Diagnostics;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// Wing and Gong's search with Lowe's just-in-time linearization and memoisation, over one key's
/// history. Calls and returns are one time-ordered list; at each step the search may linearize any
/// call that comes before the first return still in the list, and a path dies when that return's own
/// call cannot be linearized. Operations of unknown outcome have no return: they may be linearized at
/// any point after their call, and the history is linearizable once every determinate operation is
/// (the unknown ones left over go last, where nothing observes them). Two choices keep unknown
/// operations cheap: one is tried only where it would change the state (one that changes nothing can
/// always wait until the end), and only after the determinate candidates of the same step, so the
/// search reaches for an unknown operation when an answer needs it rather than everywhere it could go.
/// </summary>
internal sealed class LinearizationSearch<TState, TCall, TResult>
    where TState : notnull
{
    private readonly ISequentialModel<TState, TCall, TResult> _model;
    private readonly IReadOnlyList<Operation<TCall, TResult>> _ops;
    private readonly long _budget;
    private readonly Entry _head = new(-1, isCall: true, 0);
    private readonly ProgressBounds _bounds = new();
    private readonly long?[] _boundOf;

    public LinearizationSearch(ISequentialModel<TState, TCall, TResult> model, IReadOnlyList<Operation<TCall, TResult>> ops, long budget)
    {
        _model = model;
        _ops = ops;
        _budget = budget;
        _boundOf = [.. ops.Select(o => o.IsDeterminate ? model.ProgressBound(o.Call, o.Outcome, o.Result) : null)];
        for (var i = 0; i < _boundOf.Length; i++)
        {
            _bounds.Add(i, _boundOf[i]);
        }

        BuildEntryList();
    }

    public CheckResult Run()
    {
        var clock = Stopwatch.StartNew();
        var memo = new SearchMemo<TState>(EqualityComparer<TState>.Default);
        var linearized = new LinearizedSet(_ops.Count);
        var remaining = _ops.Count(o => o.IsDeterminate);
        var state = _model.Initial;
        var frames = new Stack<Frame>();
        frames.Push(NewFrame(state));
        List<int> longest = [];
        var fewestRemaining = remaining + 1;
        int? stuck = null;

        while (remaining > 0)
        {
            if (memo.Count > _budget)
            {
                return new CheckResult(Verdict.Inconclusive, _ops.Count, memo.Count, clock.Elapsed, longest, stuck);
            }

            var frame = frames.Peek();
            if (frame.Next < frame.Candidates.Count)
            {
                var call = frame.Candidates[frame.Next++];
                var op = _ops[call.Op];
                if (!TryStep(state, op, call, frame, out var next))
                {
                    continue;
                }

                linearized.Add(call.Op);
                if (!memo.TryAdd(linearized, next))
                {
                    linearized.Remove(call.Op);
                    _bounds.Add(call.Op, _boundOf[call.Op]);
                    continue;
                }

                frame.Chosen = call;
                call.Lift();
                state = next;
                if (op.IsDeterminate)
                {
                    remaining--;
                }

                frames.Push(NewFrame(state));
                continue;
            }

            // Every candidate of this step was tried: back up one step. The furthest dead end (by
            // determinate operations linearized) is kept for the report.
            if (remaining < fewestRemaining)
            {
                fewestRemaining = remaining;
                longest = [.. frames.Reverse().Where(f => f.Chosen is not null).Select(f => f.Chosen!.Op)];
                stuck = frame.BlockedBy ?? FirstReturn()?.Op;
            }

            frames.Pop();
            if (frames.Count == 0)
            {
                return new CheckResult(Verdict.NotLinearizable, _ops.Count, memo.Count, clock.Elapsed, longest, stuck);
            }

            var parent = frames.Peek();
            var undone = parent.Chosen!;
            undone.Unlift();
            linearized.Remove(undone.Op);
            _bounds.Add(undone.Op, _boundOf[undone.Op]);
            if (_ops[undone.Op].IsDeterminate)
            {
                remaining++;
            }

            state = parent.Before;
            parent.Chosen = null;
        }

        return new CheckResult(Verdict.Linearizable, _ops.Count, memo.Count, clock.Elapsed, [], null);
    }

    /// <summary>A step from the list as it is now: the calls before the first return, determinate ones first.</summary>
    private Frame NewFrame(TState state)
    {
        var window = new List<Entry>();
        List<Entry>? unknown = null;
        for (var e = _head.Next; e is not null && e.IsCall; e = e.Next)
        {
            if (_ops[e.Op].IsDeterminate)
            {
                window.Add(e);
            }
            else
            {
                (unknown ??= []).Add(e);
            }
        }

        // An operation that changes nothing and can answer what it answered right now may as well go
        // now: every operation that must precede it already has (its call is before every pending
        // return), and the order of state-preserving steps changes nothing. No branching on it, then;
        // this is what keeps concurrent reads from multiplying the search.
        foreach (var e in window)
        {
            var op = _ops[e.Op];
            if (!_model.HasEffect(op.Call, op.Outcome) && _model.Step(state, op.Call, op.Outcome, op.Result, out _))
            {
                return new Frame([e], window, state);
            }
        }

        var candidates = unknown is null ? window : [.. window, .. unknown];
        return new Frame(candidates, window, state);
    }

    private Entry? FirstReturn()
    {
        var e = _head.Next;
        while (e is not null && e.IsCall)
        {
            e = e.Next;
        }

        return e;
    }

    private bool TryStep(TState state, Operation<TCall, TResult> op, Entry call, Frame frame, out TState next)
    {
        if (!_model.Step(state, op.Call, op.Outcome, op.Result, out next))
        {
            return false;
        }

        if (!op.IsDeterminate && EqualityComparer<TState>.Default.Equals(next, state))
        {
            return false;
        }

        // No operation still to come may be left behind: progress never goes back. The op's own bound
        // leaves the multiset here and stays out while it is linearized.
        _bounds.Remove(call.Op, _boundOf[call.Op]);
        if (_model.Progress(next) > _bounds.Least)
        {
            frame.BlockedBy = _bounds.Holder;
            _bounds.Add(call.Op, _boundOf[call.Op]);
            return false;
        }

        // Every determinate call already made must still be able to get its answer from here on.
        foreach (var pending in frame.Window)
        {
            var other = _ops[pending.Op];
            if (pending != call && !_model.StillPossible(next, other.Call, other.Outcome, other.Result))
            {
                frame.BlockedBy = pending.Op;
                _bounds.Add(call.Op, _boundOf[call.Op]);
                return false;
            }
        }

        return true;
    }

    private void BuildEntryList()
    {
        var entries = new List<Entry>(_ops.Count * 2);
        for (var i = 0; i < _ops.Count; i++)
        {
            var op = _ops[i];
            var call = new Entry(i, isCall: true, op.Invoked);
            entries.Add(call);
            if (op.IsDeterminate)
            {
                if (op.Completed < op.Invoked)
                {
                    throw new ArgumentException($"Operation {op.Id} completed before it was invoked.");
                }

                var ret = new Entry(i, isCall: false, op.Completed) { Match = call };
                call.Match = ret;
                entries.Add(ret);
            }
        }

        // Calls before returns at equal times: operations touching at one tick count as concurrent.
        entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.IsCall == b.IsCall ? a.Op.CompareTo(b.Op) : a.IsCall ? -1 : 1);
        var previous = _head;
        foreach (var e in entries)
        {
            previous.Next = e;
            e.Prev = previous;
            previous = e;
        }
    }

    /// <summary>
    /// One step of the search: the candidates it may linearize, the determinate calls among them (each
    /// must stay possible whatever is chosen), which one it is trying, and the state before.
    /// </summary>
    private sealed class Frame(List<Entry> candidates, List<Entry> window, TState before)
    {
        public List<Entry> Candidates { get; } = candidates;

        public List<Entry> Window { get; } = window;

        public TState Before { get; } = before;

        public int Next { get; set; }

        public Entry? Chosen { get; set; }

        /// <summary>The last pending operation a candidate would have made impossible: the likely culprit when every candidate fails.</summary>
        public int? BlockedBy { get; set; }
    }

    /// <summary>A call or return in the doubly linked list; lifting a call takes its return out with it.</summary>
    private sealed class Entry(int op, bool isCall, long time)
    {
        public int Op { get; } = op;

        public bool IsCall { get; } = isCall;

        public long Time { get; } = time;

        public Entry? Prev { get; set; }

        public Entry? Next { get; set; }

        public Entry? Match { get; set; }

        public void Lift()
        {
            Unlink(this);
            if (Match is { } ret)
            {
                Unlink(ret);
            }
        }

        public void Unlift()
        {
            if (Match is { } ret)
            {
                Relink(ret);
            }

            Relink(this);
        }

        private static void Unlink(Entry e)
        {
            e.Prev!.Next = e.Next;
            if (e.Next is not null)
            {
                e.Next.Prev = e.Prev;
            }
        }

        private static void Relink(Entry e)
        {
            e.Prev!.Next = e;
            if (e.Next is not null)
            {
                e.Next.Prev = e;
            }
        }
    }
}
