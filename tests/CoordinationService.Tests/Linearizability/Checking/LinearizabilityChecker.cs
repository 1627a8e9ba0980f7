using System.Diagnostics;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// Checks a history for linearizability key by key (operations on different keys commute, so the whole
/// history is linearizable exactly when each key's is). A key that fails is minimised to a small
/// failing sub-history and described in a readable form.
/// </summary>
public sealed class LinearizabilityChecker<TState, TCall, TResult>(ISequentialModel<TState, TCall, TResult> model)
    where TState : notnull
{
    /// <summary>Configurations one key's search may remember before it answers Inconclusive (each costs a bitset of the key's history).</summary>
    public long Budget { get; init; } = 1_000_000;

    /// <summary>The same for each of the many checks the minimiser makes: one that is inconclusive only keeps a relaxation out.</summary>
    public long MinimiserBudget { get; init; } = 100_000;

    /// <summary>How long minimising a failing key may take; past it, the smallest failing history so far is shown.</summary>
    public TimeSpan MinimisationTime { get; init; } = TimeSpan.FromSeconds(30);

    public HistoryReport Check(IReadOnlyList<Operation<TCall, TResult>> history)
    {
        var clock = Stopwatch.StartNew();
        var keys = new List<KeyReport>();
        foreach (var group in history.GroupBy(o => o.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ops = Prepare(group);
            var result = CheckKey(ops);
            var violation = result.Verdict == Verdict.NotLinearizable ? Explain(group.Key, ops, result) : null;
            keys.Add(new KeyReport(group.Key, result, violation));
        }

        return new HistoryReport(keys, history.Count, clock.Elapsed);
    }

    /// <summary>One key's history as the search takes it: unknown calls that could not have changed anything say nothing, and go.</summary>
    public IReadOnlyList<Operation<TCall, TResult>> Prepare(IEnumerable<Operation<TCall, TResult>> ops) =>
        [.. ops.Where(o => o.IsDeterminate || model.HasEffect(o.Call, o.Outcome)).OrderBy(o => o.Invoked).ThenBy(o => o.Id)];

    public CheckResult CheckKey(IReadOnlyList<Operation<TCall, TResult>> ops) =>
        new LinearizationSearch<TState, TCall, TResult>(model, ops, Budget).Run();

    private Violation Explain(string key, IReadOnlyList<Operation<TCall, TResult>> ops, CheckResult result)
    {
        var minimal = new HistoryMinimiser<TState, TCall, TResult>(
            model, candidate => new LinearizationSearch<TState, TCall, TResult>(model, candidate, MinimiserBudget).Run(), MinimisationTime).Minimise(ops);
        var minimalResult = CheckKey(minimal);
        var text = new HistoryFormatter<TState, TCall, TResult>(model).Describe(key, ops.Count, minimal, minimalResult);
        return new Violation(text, [.. minimal.Where(o => o.Outcome is Outcome.Ok or Outcome.Failed).Select(o => o.Id)], minimal.Count);
    }
}

/// <summary>
/// A key's smallest failing sub-history: <see cref="Core"/> the ids of the operations whose answers it
/// still relies on, <see cref="Operations"/> its size with those whose answers it does not need.
/// </summary>
public sealed record Violation(string Description, IReadOnlyList<int> Core, int Operations);

public sealed record KeyReport(string Key, CheckResult Result, Violation? Violation);

/// <summary>Every key's result; <see cref="Failures"/> is empty exactly when the whole history is linearizable.</summary>
public sealed record HistoryReport(IReadOnlyList<KeyReport> Keys, int Operations, TimeSpan Elapsed)
{
    public bool IsLinearizable => Keys.All(k => k.Result.IsLinearizable);

    public IEnumerable<string> Failures => Keys.Where(k => !k.Result.IsLinearizable)
        .Select(k => k.Violation?.Description ?? $"key {k.Key}: {k.Result.Verdict} after {k.Result.ConfigurationsExplored:N0} configurations ({k.Result.Operations} operations)");

    public long ConfigurationsExplored => Keys.Sum(k => k.Result.ConfigurationsExplored);
}
