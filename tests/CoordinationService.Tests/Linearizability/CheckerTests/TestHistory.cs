using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

/// <summary>Hand-written histories for the checker's tests: times in abstract units, one key unless told.</summary>
internal sealed class TestHistory<TCall, TResult>
{
    private readonly List<Operation<TCall, TResult>> _ops = [];

    public IReadOnlyList<Operation<TCall, TResult>> Operations => _ops;

    public TestHistory<TCall, TResult> Ok(int process, long invoked, long completed, TCall call, TResult result, string key = "k") =>
        Add(process, invoked, completed, call, Outcome.Ok, result, key);

    public TestHistory<TCall, TResult> Failed(int process, long invoked, long completed, TCall call, string key = "k") =>
        Add(process, invoked, completed, call, Outcome.Failed, default, key);

    public TestHistory<TCall, TResult> Unknown(int process, long invoked, TCall call, string key = "k") =>
        Add(process, invoked, Operation<TCall, TResult>.Never, call, Outcome.Unknown, default, key);

    private TestHistory<TCall, TResult> Add(int process, long invoked, long completed, TCall call, Outcome outcome, TResult? result, string key)
    {
        _ops.Add(new Operation<TCall, TResult>(_ops.Count + 1, process, key, call, outcome, result, invoked, completed));
        return this;
    }
}
