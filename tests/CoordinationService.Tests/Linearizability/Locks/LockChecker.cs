using System.Diagnostics;

namespace CoordinationService.Tests.Linearizability.Locks;

/// <summary>
/// Mutual exclusion by fencing-token order. For grants a and b of one lock with a's token lower:
/// b's node was created after a's, so b may only have been granted once a's node was gone. Hence
/// a's granting read must have started before b's completed, and when a released by deleting its
/// node, b cannot have been granted before a sent that delete: their holding intervals are disjoint,
/// a's first. Tokens are distinct.
/// </summary>
public static class LockChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyCollection<LockGrant> grants)
    {
        var violations = new List<string>();
        foreach (var byLock in grants.GroupBy(g => g.Lock))
        {
            var ordered = byLock.OrderBy(g => g.FencingToken).ToList();
            foreach (var twins in ordered.GroupBy(g => g.FencingToken).Where(g => g.Count() > 1))
            {
                violations.Add($"lock {byLock.Key}: token 0x{twins.Key:x} granted {twins.Count()} times ({string.Join(", ", twins.Select(g => g.Holder))})");
            }

            for (var i = 0; i < ordered.Count; i++)
            {
                for (var j = i + 1; j < ordered.Count; j++)
                {
                    var (a, b) = (ordered[i], ordered[j]);
                    if (a.FencingToken == b.FencingToken)
                    {
                        continue;
                    }

                    if (b.Granted <= a.GrantReadInvoked)
                    {
                        violations.Add($"lock {byLock.Key}: {Describe(b)} was granted before {Describe(a)}, whose token is lower, even asked");
                    }
                    else if (a.Release == LockRelease.Deleted && b.Granted <= a.ReleaseInvoked)
                    {
                        violations.Add($"lock {byLock.Key}: two holders at once: {Describe(a)} held it until {Ms(a.ReleaseInvoked)}, " +
                            $"{Describe(b)} was granted at {Ms(b.Granted)}");
                    }
                }
            }
        }

        return violations;
    }

    private static string Describe(LockGrant g) => $"{g.Holder} (token 0x{g.FencingToken:x})";

    private static string Ms(long timestamp) => $"{timestamp * 1000.0 / Stopwatch.Frequency:F3} ms";
}
