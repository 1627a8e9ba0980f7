using System.Diagnostics;
using System.Text;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// Prints a failing history as a table of operations, times in ms relative to its first operation
/// shown; a long one is shown by its last operations, where the failure is (the minimiser cuts it there).
/// </summary>
internal sealed class HistoryFormatter<TState, TCall, TResult>(ISequentialModel<TState, TCall, TResult> model)
    where TState : notnull
{
    private const int MaxShown = 40;

    public string Describe(string key, int originalCount, IReadOnlyList<Operation<TCall, TResult>> minimal, CheckResult result)
    {
        var ordered = minimal.OrderBy(o => o.Invoked).ThenBy(o => o.Id).ToList();
        var core = ordered.Where(o => o.Outcome is Outcome.Ok or Outcome.Failed).ToList();
        var shown = ordered.TakeLast(MaxShown).ToList();
        var hidden = ordered.Count - shown.Count;
        var origin = shown.Count == 0 ? 0 : shown.Min(o => o.Invoked);

        var text = new StringBuilder();
        text.AppendLine($"key {key}: not linearizable. Smallest failing sub-history found: {minimal.Count} of {originalCount} operations, " +
            $"{core.Count} of them with the answers they got (the others' answers are not needed to show the failure).");
        if (hidden > 0)
        {
            text.AppendLine($"Not listed: its first {hidden} operations; the failure is at its end.");
        }

        text.AppendLine("Times in ms; an unknown outcome may have taken effect at any time after its invocation, or never.");
        text.AppendLine($"  {"invoked",10} {"completed",10}  {"process",-8} {"op",-6} operation and outcome");
        foreach (var op in shown)
        {
            var completed = op.Completed == Operation<TCall, TResult>.Never ? "never" : Milliseconds(op.Completed - origin);
            text.AppendLine($"  {Milliseconds(op.Invoked - origin),10} {completed,10}  p{op.Process,-7} #{op.Id,-5} {model.Describe(op.Call, op.Outcome, op.Result)}");
        }

        if (result.Verdict == Verdict.NotLinearizable)
        {
            // The search's indices are positions in the list it was given.
            var state = model.Initial;
            foreach (var index in result.LongestPrefix)
            {
                var op = minimal[index];
                model.Step(state, op.Call, op.Outcome, op.Result, out state);
            }

            text.AppendLine($"Longest linearization found: {result.LongestPrefix.Count} operations, leaving the state at {model.Describe(state)}.");
            if (result.Stuck is { } stuck)
            {
                var op = minimal[stuck];
                text.AppendLine($"From there no operation can go next without making #{op.Id} ({Squeeze(model.Describe(op.Call, op.Outcome, op.Result))}) impossible.");
            }
        }

        return text.ToString();
    }

    private static string Squeeze(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Milliseconds(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("F3");
}
