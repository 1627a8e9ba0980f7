using Orleans.Runtime;

namespace CoordinationService.Broadcast;

/// <summary>
/// When a silo leaves the cluster, Orleans deactivates every activation whose directory registration
/// that silo held, and the leader may be one of them. Deactivation waits for the requests the
/// activation is running, and replicas' long polls are such requests: parked for the full poll time,
/// they would hold the old leader and leave every replica unfed (so every write, answered only once
/// its silo applied it, stalled) until they timed out. For a short while after a silo leaves, polls
/// are therefore woken and kept short, so a deactivation that starts then drains at once and the
/// next poll finds the successor.
/// </summary>
internal sealed class SiloDeathSettling(TimeProvider time)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ShortPoll = TimeSpan.FromMilliseconds(100);

    private long _settleUntil;

    /// <summary>The longest a poll may wait now.</summary>
    public TimeSpan Cap(TimeSpan wait) => time.GetTimestamp() < _settleUntil && wait > ShortPoll ? ShortPoll : wait;

    /// <summary>Runs until cancelled, calling <paramref name="siloLeft"/> (after the settling begins) each time a silo leaves.</summary>
    public async Task WatchAsync(IClusterMembershipService membership, Action siloLeft, CancellationToken cancellation)
    {
        var gone = new HashSet<SiloAddress>(membership.CurrentSnapshot.Members.Where(m => IsLeaving(m.Value.Status)).Select(m => m.Key));
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellation))
            {
                var left = false;
                foreach (var (silo, member) in snapshot.Members)
                {
                    left |= IsLeaving(member.Status) && gone.Add(silo);
                }

                if (left)
                {
                    _settleUntil = time.GetTimestamp() + (long)(Settle.TotalSeconds * time.TimestampFrequency);
                    siloLeft();
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The activation ended.
        }
    }

    private static bool IsLeaving(SiloStatus status) => status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;
}
