using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace CoordinationService.Hosting;

public static class FastFailureDetection
{
    /// <summary>
    /// Membership tuned so a crashed silo is declared dead in about 3–5 s instead of Orleans'
    /// default of 30 s or more. Writes stop while the leader's silo is dead but not yet declared so
    /// (its grain cannot be re-activated elsewhere), so this bound is our write unavailability.
    /// The price: a live silo that cannot answer probes for ~2 s (a long GC pause, CPU starvation,
    /// a saturated network) is declared dead too and must restart, moving the leader for nothing.
    /// Raise ProbeTimeout/NumMissedProbesLimit on hosts where such pauses are normal.
    /// </summary>
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder builder)
    {
        builder.Services.Configure<ClusterMembershipOptions>(o =>
        {
            // A silo is suspected after 2 missed probes sent 1 s apart (defaults: 5 s, 3 misses).
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            // Two suspicions declare death; Orleans lowers that to a majority of the live silos, so
            // in a 3-silo cluster both survivors must agree (one silo with a bad link cannot evict a
            // healthy one), and with 2 silos the survivor alone decides.
            o.NumVotesForDeathDeclaration = 2;
            // Votes older than this no longer count: long enough for the second survivor's vote.
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
            // Heartbeats and table reads, so a silo that stopped heartbeating is seen as stale and
            // declarations spread even if gossip is lost: ~1 write and 1 read per silo every 2–3 s.
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(3);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        });
        return builder;
    }
}
