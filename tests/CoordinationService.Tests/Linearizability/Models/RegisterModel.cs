using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Models;

/// <summary>
/// A znode as a register with ZooKeeper's versions: every successful setData makes the version one
/// higher; setData with an expected version succeeds only at that version. Versions never go down,
/// which lets the search drop a branch as soon as it has passed a version some call already answered.
/// </summary>
public sealed class RegisterModel(string initialValue) : ISequentialModel<RegisterState, RegisterCall, RegisterResult>
{
    public RegisterState Initial { get; } = new(initialValue, 0);

    public bool Step(RegisterState state, RegisterCall call, Outcome outcome, RegisterResult result, out RegisterState next)
    {
        next = state;
        switch (call, outcome)
        {
            case (RegisterCall.Read, Outcome.Ok):
                return result.Value == state.Value && result.Version == state.Version;
            case (RegisterCall.Read, _):
                return outcome is Outcome.Unknown or Outcome.Happened;
            case (RegisterCall.Write write, Outcome.Ok):
                next = new RegisterState(write.Value, state.Version + 1);
                return result.Version == next.Version;
            case (RegisterCall.Write write, Outcome.Unknown or Outcome.Happened):
                next = new RegisterState(write.Value, state.Version + 1);
                return true;
            case (RegisterCall.CompareAndSet cas, Outcome.Ok or Outcome.Happened):
                next = new RegisterState(cas.Value, state.Version + 1);
                return state.Version == cas.ExpectedVersion && (outcome == Outcome.Happened || result.Version == next.Version);
            case (RegisterCall.CompareAndSet, Outcome.Failed):
                return state.Version != ((RegisterCall.CompareAndSet)call).ExpectedVersion;
            case (RegisterCall.CompareAndSet cas, Outcome.Unknown):
                if (state.Version == cas.ExpectedVersion)
                {
                    next = new RegisterState(cas.Value, state.Version + 1);
                }

                return true;
            default:
                // A plain write cannot fail definitely on a node that exists.
                return false;
        }
    }

    public bool StillPossible(RegisterState state, RegisterCall call, Outcome outcome, RegisterResult result) => (call, outcome) switch
    {
        (RegisterCall.Read, Outcome.Ok) => state.Version < result.Version || (state.Version == result.Version && state.Value == result.Value),
        (RegisterCall.Write, Outcome.Ok) => state.Version <= result.Version - 1,
        (RegisterCall.CompareAndSet cas, Outcome.Ok or Outcome.Happened) => state.Version <= cas.ExpectedVersion,
        _ => true,
    };

    public long Progress(RegisterState state) => state.Version;

    public long? ProgressBound(RegisterCall call, Outcome outcome, RegisterResult result) => (call, outcome) switch
    {
        (RegisterCall.Read, Outcome.Ok) => result.Version,
        (RegisterCall.Write, Outcome.Ok) => result.Version - 1,
        (RegisterCall.CompareAndSet cas, Outcome.Ok or Outcome.Happened) => cas.ExpectedVersion,
        _ => null,
    };

    public bool HasEffect(RegisterCall call, Outcome outcome) => call switch
    {
        RegisterCall.Read => false,
        RegisterCall.CompareAndSet => outcome != Outcome.Failed,
        _ => true,
    };

    public string Describe(RegisterCall call, Outcome outcome, RegisterResult result)
    {
        var what = call switch
        {
            RegisterCall.Read => "read",
            RegisterCall.Write w => $"write {Quote(w.Value)}",
            RegisterCall.CompareAndSet c => $"cas v{c.ExpectedVersion} -> {Quote(c.Value)}",
            _ => call.ToString(),
        };
        var answer = (call, outcome) switch
        {
            (_, Outcome.Unknown) => "unknown",
            (_, Outcome.Happened) => "took effect (answer not needed)",
            (RegisterCall.Read, Outcome.Ok) => $"ok {Quote(result.Value)} v{result.Version}",
            (RegisterCall.Read, _) => "failed",
            (_, Outcome.Ok) => $"ok v{result.Version}",
            _ => "failed (BadVersion)",
        };
        return $"{what,-36} {answer}";
    }

    public string Describe(RegisterState state) => $"{Quote(state.Value)} v{state.Version}";

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";
}
