using CoordinationService.Tests.Linearizability.Checking;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Models;

/// <summary>
/// Sequential creates under one parent that nothing else touches: ZooKeeper names each child with the
/// number of children created before it, so the n-th add linearized gets sequence n-1, and a read
/// lists exactly the elements added so far, numbered 0, 1, 2... in the order they were added. Elements
/// are only ever added, so a read or an add's number can rule a branch out as soon as the state has
/// left the path to it.
/// </summary>
public sealed class SequentialSetModel : ISequentialModel<SetState, SetCall, SetResult?>
{
    public SetState Initial => SetState.Empty;

    public bool Step(SetState state, SetCall call, Outcome outcome, SetResult? result, out SetState next)
    {
        next = state;
        switch (call, outcome)
        {
            case (SetCall.Add add, Outcome.Ok):
                next = state.Append(add.Element);
                return result is not null && result.Sequence == state.Count && !state.Contains(add.Element);
            case (SetCall.Add add, Outcome.Unknown or Outcome.Happened):
                if (!state.Contains(add.Element))
                {
                    next = state.Append(add.Element);
                }

                return true;
            case (SetCall.Read, Outcome.Ok):
                return result is not null && Matches(state, result.Members);
            case (SetCall.Read, Outcome.Unknown or Outcome.Happened):
                return true;
            default:
                // A sequential create under a parent that exists cannot fail definitely, nor can a read.
                return false;
        }
    }

    public bool StillPossible(SetState state, SetCall call, Outcome outcome, SetResult? result) => (call, outcome) switch
    {
        (SetCall.Add, Outcome.Ok) => result is not null && state.Count <= result.Sequence,
        (SetCall.Read, Outcome.Ok) => result is not null && IsPrefixOf(state, result.Members),
        _ => true,
    };

    public long Progress(SetState state) => state.Count;

    public long? ProgressBound(SetCall call, Outcome outcome, SetResult? result) => (call, outcome, result) switch
    {
        (SetCall.Add, Outcome.Ok, not null) => result.Sequence,
        (SetCall.Read, Outcome.Ok, not null) => result.Members.Count,
        _ => null,
    };

    public bool HasEffect(SetCall call, Outcome outcome) => call is SetCall.Add && outcome != Outcome.Failed;

    public string Describe(SetCall call, Outcome outcome, SetResult? result)
    {
        var what = call switch
        {
            SetCall.Add a => $"add {a.Element}",
            _ => "read",
        };
        var answer = (call, outcome) switch
        {
            (_, Outcome.Unknown) => "unknown",
            (_, Outcome.Happened) => "took effect (answer not needed)",
            (SetCall.Add, Outcome.Ok) => $"ok #{result?.Sequence}",
            (SetCall.Read, Outcome.Ok) => $"ok [{string.Join(", ", result?.Members.Select(m => $"{m.Element}#{m.Sequence}") ?? [])}]",
            _ => "failed",
        };
        return $"{what,-24} {answer}";
    }

    public string Describe(SetState state) => $"[{string.Join(", ", state.Elements)}]";

    private static bool Matches(SetState state, IReadOnlyList<SetMember> members) =>
        members.Count == state.Count && IsPrefixOf(state, members);

    private static bool IsPrefixOf(SetState state, IReadOnlyList<SetMember> members)
    {
        if (state.Count > members.Count)
        {
            return false;
        }

        var i = 0;
        foreach (var element in state.Elements)
        {
            if (members[i].Sequence != i || members[i].Element != element)
            {
                return false;
            }

            i++;
        }

        return true;
    }
}
