using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// After the run: every doomed session's ephemerals are gone, and went in one txn. Each parent had one
/// child at most, so a parent whose cversion is 2 saw it created and deleted, and its pzxid is the
/// deletion's zxid: those of one session must all be equal. An acknowledged create must show as such a
/// parent; one that never happened leaves cversion 0.
/// </summary>
internal static class EphemeralCheck
{
    public static async Task<IReadOnlyList<string>> RunAsync(IWorkloadSession reader, IEnumerable<DoomedSession> doomed, TimeSpan patience, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        foreach (var session in doomed)
        {
            var stats = await WhenEmptyAsync(reader, session.Parents, patience, cancellationToken);
            if (stats is null)
            {
                violations.Add($"session 0x{session.Session:x}: its ephemerals were still there {patience.TotalSeconds:0} s after the run, long past its timeout");
                continue;
            }

            var deletedAt = new HashSet<long>();
            for (var k = 0; k < session.Parents.Count; k++)
            {
                var (cversion, pzxid) = stats[k];
                if (cversion == 2)
                {
                    deletedAt.Add(pzxid);
                }
                else if (cversion != 0 || session.Creates[k] == Outcome.Ok)
                {
                    violations.Add($"session 0x{session.Session:x}: {session.Parents[k]} has cversion {cversion} after an ephemeral create that was {session.Creates[k]}");
                }
            }

            if (deletedAt.Count > 1)
            {
                violations.Add($"session 0x{session.Session:x}: its ephemerals were deleted at different zxids: {string.Join(", ", deletedAt.Select(z => $"0x{z:x}"))}");
            }
        }

        return violations;
    }

    /// <summary>(cversion, pzxid) of each parent once none has a child any more; null if that never came within <paramref name="patience"/>.</summary>
    private static async Task<List<(int Cversion, long Pzxid)>?> WhenEmptyAsync(
        IWorkloadSession reader, IReadOnlyList<string> parents, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            var stats = new List<(int, long)>();
            foreach (var parent in parents)
            {
                var synced = await reader.SyncAsync(parent, cancellationToken);
                var children = synced.IsOk ? await reader.GetChildrenAsync(parent, cancellationToken) : default;
                if (!children.IsOk || children.Value!.Children.Count > 0)
                {
                    break;
                }

                stats.Add((children.Value.Stat.Cversion, children.Value.Stat.Pzxid));
            }

            if (stats.Count == parents.Count)
            {
                return stats;
            }

            await Task.Delay(250, cancellationToken);
        }

        return null;
    }
}
