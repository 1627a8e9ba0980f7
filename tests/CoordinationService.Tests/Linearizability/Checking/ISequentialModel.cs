using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Checking;

/// <summary>
/// The sequential specification a history is checked against: a state machine whose steps are the
/// history's operations. States must have value equality (they key the checker's memo).
/// </summary>
public interface ISequentialModel<TState, TCall, TResult>
    where TState : notnull
{
    TState Initial { get; }

    /// <summary>
    /// Applies <paramref name="call"/> to <paramref name="state"/>. For Ok and Failed, false when the
    /// recorded result cannot be what this state answers. For Unknown, the call's effect if it takes
    /// effect here (the same state when it would change nothing), always true.
    /// </summary>
    bool Step(TState state, TCall call, Outcome outcome, TResult? result, out TState next);

    /// <summary>
    /// False only when no state reachable from <paramref name="state"/> can ever give this determinate
    /// operation its recorded result (versions only grow, elements are only added): the search prunes
    /// that branch. Answering true is always safe.
    /// </summary>
    bool StillPossible(TState state, TCall call, Outcome outcome, TResult? result);

    /// <summary>A measure of how far a state has come that no step ever lowers (a version, a count of elements).</summary>
    long Progress(TState state);

    /// <summary>
    /// The most <see cref="Progress"/> a state can have when this determinate operation takes effect (a
    /// read that answered version 5: 5), or null when it sets no such bound. The search keeps the least
    /// bound of the operations not yet linearized and drops any step that goes past it.
    /// </summary>
    long? ProgressBound(TCall call, Outcome outcome, TResult? result);

    /// <summary>Whether the call can change the state at all with this outcome (a read cannot, nor a failed conditional write).</summary>
    bool HasEffect(TCall call, Outcome outcome);

    string Describe(TCall call, Outcome outcome, TResult? result);

    string Describe(TState state);
}
