namespace CoordinationService.Tests.Linearizability.Checking;

public enum Verdict
{
    Linearizable,
    NotLinearizable,

    /// <summary>The search hit its budget before deciding: never a pass.</summary>
    Inconclusive,
}

/// <summary>
/// The answer for one key's history. When it is not linearizable, <see cref="LongestPrefix"/> is the
/// longest sequence of operations (by history index) the search managed to linearize, and
/// <see cref="Stuck"/> the operation whose completion it could not get past.
/// </summary>
public sealed record CheckResult(
    Verdict Verdict,
    int Operations,
    long ConfigurationsExplored,
    TimeSpan Elapsed,
    IReadOnlyList<int> LongestPrefix,
    int? Stuck)
{
    public bool IsLinearizable => Verdict == Verdict.Linearizable;
}
