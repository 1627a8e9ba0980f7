using CoordinationService.Grains;
using CoordinationService.Hosting;
using Microsoft.Extensions.Options;

using CoordinationService.Replicas;

namespace CoordinationService.Front;

/// <summary>
/// Tells the leader, a few times per tick, which sessions this silo has heard from, so session
/// touches cost one call per silo rather than one per client ping.
/// </summary>
public sealed class SessionKeepAlive(SessionHub hub, Replica replica, IGrainFactory grains, IOptions<CoordinationOptions> options, TimeProvider time)
{
    /// <summary>A session's last contact reaches the leader at most this late, which would delay its expiry by as much.</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(Math.Clamp(options.Value.TickTimeMs / 8, 50, 250));

    public async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var lastRound = time.GetUtcNow().ToUnixTimeMilliseconds();
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var idle in hub.RemoveIdle())
            {
                replica.DropWatches(idle);
            }

            var active = hub.RecentlyActive(lastRound);
            lastRound = now;
            if (active.Count == 0)
            {
                continue;
            }

            try
            {
                await grains.GetGrain<IAtomicBroadcastGrain>(0).Touch(active).ConfigureAwait(false);
            }
            catch (Exception) when (!stopping.IsCancellationRequested)
            {
                // The leader is moving; the next round touches again, and a new leader gives every session a full timeout.
            }
        }
    }
}
