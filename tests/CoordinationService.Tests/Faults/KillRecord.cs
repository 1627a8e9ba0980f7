using System.Diagnostics;
using System.Globalization;

namespace CoordinationService.Tests.Faults;

/// <summary>One kill of the run and what followed it, all times from the kill.</summary>
internal sealed record KillRecord(int Number, int Silo, int Pid, bool WasLeader, long KilledTicks)
{
    /// <summary>Until the first write issued after the kill was acknowledged to a client not on the killed silo.</summary>
    public TimeSpan? WritesUnavailable { get; set; }

    public TimeSpan? DeclaredDead { get; set; }

    public TimeSpan? Restarted { get; set; }

    /// <summary>Until the restarted silo was a member again and its replica had what the leader had committed when it came back.</summary>
    public TimeSpan? CaughtUp { get; set; }

    /// <summary>Until the restarted silo was a member again, caught up, and had acknowledged a write of its own clients.</summary>
    public TimeSpan? Rejoined { get; set; }

    public int? NewLeader { get; set; }

    /// <summary>The longest stretch without an acknowledged write (clients not on the killed silo) from the kill until the silo rejoined.</summary>
    public TimeSpan? LongestWritePause { get; set; }

    public DateTime KilledAt { get; } = DateTime.Now;

    public long EpochBefore { get; init; }

    public long EpochAfter { get; set; }

    public TimeSpan Since(long ticks) => Stopwatch.GetElapsedTime(KilledTicks, ticks);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"kill {Number,2} at {KilledAt:HH:mm:ss.fff}: silo {Silo} (pid {Pid}){(WasLeader ? ", the leader's" : string.Empty),-15} writes unavailable {Ms(WritesUnavailable),7}, " +
        $"declared dead {Ms(DeclaredDead),7}, restarted {Ms(Restarted),7}, caught up {Ms(CaughtUp),7}, rejoined {Ms(Rejoined),7}, leader now on silo {NewLeader?.ToString(CultureInfo.InvariantCulture) ?? "?"} (epoch {EpochBefore} -> {EpochAfter})");

    public static string Ms(TimeSpan? span) => span is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.TotalMilliseconds:F0} ms") : "n/a";

    public static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
