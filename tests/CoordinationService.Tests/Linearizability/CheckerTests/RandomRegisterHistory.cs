using CoordinationService.Tests.Linearizability.History;
using CoordinationService.Tests.Linearizability.Models;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

/// <summary>
/// A linearizable register history by construction: each operation takes effect at a random moment
/// inside its interval, and its result is what a register answers in that order. Some writes end with
/// an unknown outcome, having taken effect at a random later moment, or not at all.
/// </summary>
internal static class RandomRegisterHistory
{
    public static List<Operation<RegisterCall, RegisterResult>> Generate(int seed, int processes, int operations, double unknownShare)
    {
        var random = new Random(seed);
        var planned = new List<(int Process, long Invoked, long Completed, long EffectAt, int Kind, bool Unknown, bool Applies)>();
        var clocks = new long[processes];
        for (var i = 0; i < operations; i++)
        {
            var process = random.Next(processes);
            var invoked = clocks[process] + random.Next(1, 50);
            var completed = invoked + random.Next(1, 200);
            var kind = random.Next(3);
            var unknown = kind != 0 && random.NextDouble() < unknownShare;
            var applies = !unknown || random.Next(2) == 0;
            var effectAt = unknown ? invoked + random.Next(1, 2_000) : random.NextInt64(invoked, completed + 1);
            clocks[process] = completed;
            planned.Add((process, invoked, completed, effectAt, kind, unknown, applies));
        }

        var state = new RegisterState("init", 0);
        var ops = new Operation<RegisterCall, RegisterResult>[planned.Count];
        foreach (var index in Enumerable.Range(0, planned.Count).OrderBy(i => planned[i].EffectAt).ThenBy(i => i))
        {
            var p = planned[index];
            var value = $"v{index}";
            (RegisterCall call, Outcome outcome, RegisterResult result) = p.Kind switch
            {
                0 => (RegisterCall.Read.Instance, Outcome.Ok, new RegisterResult(state.Value, state.Version)),
                1 => ((RegisterCall)new RegisterCall.Write(value), Outcome.Ok, new RegisterResult(null, state.Version + 1)),
                _ => random.Next(3) == 0
                    ? (new RegisterCall.CompareAndSet(state.Version - 1, value), Outcome.Failed, default)
                    : (new RegisterCall.CompareAndSet(state.Version, value), Outcome.Ok, new RegisterResult(null, state.Version + 1)),
            };
            if (p.Unknown)
            {
                outcome = Outcome.Unknown;
                if (call is RegisterCall.CompareAndSet)
                {
                    // One that took effect expected the version it met; one that did not, a version never reached.
                    call = new RegisterCall.CompareAndSet(p.Applies ? state.Version : -1, value);
                }
            }

            if ((outcome == Outcome.Ok && call is not RegisterCall.Read) || (p.Unknown && p.Applies))
            {
                state = new RegisterState(value, state.Version + 1);
            }

            var completedAt = outcome == Outcome.Unknown ? Operation<RegisterCall, RegisterResult>.Never : p.Completed;
            ops[index] = new Operation<RegisterCall, RegisterResult>(index + 1, p.Process, "k", call, outcome, outcome == Outcome.Ok ? result : default, p.Invoked, completedAt);
        }

        return [.. ops];
    }
}
