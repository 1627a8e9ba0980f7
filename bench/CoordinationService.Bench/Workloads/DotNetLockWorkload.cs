using CoordinationService.Client.Locks;

namespace CoordinationService.Bench.Workloads;

/// <summary>
/// Our lock through the .NET client, timed as one acquire plus release: one call to the lock grain
/// (which queues the holder node and answers when it holds), then the release on dispose. The
/// counterpart of <see cref="LockRecipeWorkload"/>: with several contenders each worker is one client
/// on its own session, and the latency includes waiting for the others.
/// </summary>
public sealed class DotNetLockWorkload(string lockPath, int contenders) : Workload
{
    private static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(30);

    public override string Name => contenders == 1 ? "lock, 1 client (.NET client)" : $"lock, {contenders} contending (.NET client)";

    public override int InFlight => contenders;

    public override async Task ExecuteAsync(IBenchSession session, Random random)
    {
        var client = (session as OrleansSession)?.Client
            ?? throw new InvalidOperationException($"Our lock needs the .NET client; {session.GetType().Name} is not one.");
        // Bounded: a lost grant must show up as an error, not stall the run.
        await using var handle = await new LockClient(client).AcquireAsync(lockPath, AcquireTimeout).ConfigureAwait(false);
    }
}
