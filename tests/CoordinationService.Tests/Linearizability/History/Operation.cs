namespace CoordinationService.Tests.Linearizability.History;

/// <summary>
/// One client operation of a history: who ran it, on which key, what it asked and what it got, and
/// when it was invoked and completed (Stopwatch timestamps, one monotonic clock for every client).
/// An operation whose outcome is unknown never completes: <see cref="Completed"/> is <see cref="Never"/>.
/// </summary>
public sealed record Operation<TCall, TResult>(
    int Id,
    int Process,
    string Key,
    TCall Call,
    Outcome Outcome,
    TResult? Result,
    long Invoked,
    long Completed)
{
    public const long Never = long.MaxValue;

    public bool IsDeterminate => Outcome != Outcome.Unknown;

    /// <summary>The same call with its outcome forgotten: it may then have happened at any time after its invocation, or never.</summary>
    public Operation<TCall, TResult> AsUnknown() => this with { Outcome = Outcome.Unknown, Result = default, Completed = Never };

    /// <summary>The same call, known to have run within its interval, its answer forgotten.</summary>
    public Operation<TCall, TResult> AsHappened() => this with { Outcome = Outcome.Happened, Result = default };
}
