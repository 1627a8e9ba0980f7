using CoordinationService.Grains;
using CoordinationService.Log;
using CoordinationService.Operations;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Replicas;

/// <summary>
/// Keeps the replica current: recovers it from the log store at start, then long-polls the leader
/// for committed txns. The leader never calls out to silos; a replica that fell behind the
/// leader's window, or found a gap, rebuilds from the log store and carries on from there.
/// </summary>
public sealed partial class ReplicaFeed(
    Replica replica, LeaderContact contact, ITransactionLog log, IGrainFactory grains, TimeProvider time, CoordinationMetrics metrics, ILogger<ReplicaFeed> logger)
{
    // Short enough that a poll parked on a leader that was superseded without knowing it comes back
    // soon (the leader checks the log's epoch each time a poll finds nothing), long enough to cost
    // an idle cluster next to nothing.
    private static readonly TimeSpan PullWait = TimeSpan.FromSeconds(3);

    public Task RecoverAsync(CancellationToken cancellation) => CatchUpFromStoreAsync(cancellation);

    public async Task RunAsync(CancellationToken stopping)
    {
        var leader = grains.GetGrain<IAtomicBroadcastGrain>(0);
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var batch = await leader.PullCommitted(replica.AppliedZxid, PullWait).WaitAsync(stopping).ConfigureAwait(false);
                metrics.ObserveCommitted(batch.CommittedZxid);
                if (batch.SnapshotRequired)
                {
                    await CatchUpFromStoreAsync(stopping).ConfigureAwait(false);
                }
                else
                {
                    replica.Apply(batch.Txns);
                }

                failures = 0;
                if (contact.Reached())
                {
                    LogLeaderReached(logger, replica.AppliedZxid);
                }
            }
            catch (ReplicaGapException gap)
            {
                LogGap(logger, gap.Message);
                await CatchUpFromStoreAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                failures++;
                if (contact.Lost())
                {
                    LogLeaderUnreachable(logger, exception.Message);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * failures)), time, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task CatchUpFromStoreAsync(CancellationToken cancellation)
    {
        var before = replica.AppliedZxid;
        var tree = await TreeRecovery.RecoverAsync(log, cancellation).ConfigureAwait(false);
        replica.Reset(tree);
        LogCaughtUp(logger, before, replica.AppliedZxid);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replica caught up from the log store: 0x{From:x} -> 0x{To:x}")]
    private static partial void LogCaughtUp(ILogger logger, long from, long to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replica found a gap ({Reason}); resynchronising from the log store")]
    private static partial void LogGap(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Leader unreachable ({Reason}); replica serves reads at its last applied zxid, marked possibly stale, and retries")]
    private static partial void LogLeaderUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Leader reachable again; replica at 0x{Zxid:x}")]
    private static partial void LogLeaderReached(ILogger logger, long zxid);
}
