namespace CoordinationService.Bench.Workloads;

/// <summary>
/// ZooKeeper's lock recipe, as Curator and kazoo implement it, timed as one acquire plus release:
/// create an ephemeral sequential node under the lock, list the lock's children, own the lock when ours
/// is the lowest, else watch only the next-lower node (no herd) and look again when it goes; release by
/// deleting ours. With several contenders, each worker is one client on its own session, and the
/// latency includes waiting for the others.
/// </summary>
public sealed class LockRecipeWorkload(string lockPath, int contenders) : Workload
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    public override string Name => contenders == 1 ? "lock recipe, 1 client" : $"lock recipe, {contenders} contending";

    public override int InFlight => contenders;

    public override async Task ExecuteAsync(IBenchSession session, Random random)
    {
        var client = session as IRecipeSession
            ?? throw new InvalidOperationException($"The lock recipe needs watches and ephemeral nodes; {session.GetType().Name} has none.");
        var mine = await client.CreateEphemeralAsync(lockPath + "/lock-", sequential: true).ConfigureAwait(false);
        try
        {
            await WaitForTurnAsync(client, LastSegment(mine)).ConfigureAwait(false);
        }
        finally
        {
            // Released also when acquiring failed, so one error cannot leave the others waiting on a live session's node.
            await client.DeleteAsync(mine).ConfigureAwait(false);
        }
    }

    private async Task WaitForTurnAsync(IRecipeSession client, string mine)
    {
        while (true)
        {
            var children = (await client.GetChildrenAsync(lockPath).ConfigureAwait(false))
                .OrderBy(Sequence)
                .ToList();
            var index = children.IndexOf(mine);
            if (index < 0)
            {
                throw new InvalidOperationException($"Our lock node {mine} is not among {lockPath}'s children.");
            }

            if (index == 0)
            {
                return;
            }

            var predecessorGone = await client.WatchExistsAsync($"{lockPath}/{children[index - 1]}").ConfigureAwait(false);
            if (predecessorGone is not null)
            {
                // Bounded: a lost notification must show up as an error, not stall the run.
                await predecessorGone.WaitAsync(EventTimeout).ConfigureAwait(false);
            }
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>The server's ten-digit counter at the end of the name orders the queue.</summary>
    private static long Sequence(string name) => long.Parse(name.AsSpan(name.Length - 10));
}
