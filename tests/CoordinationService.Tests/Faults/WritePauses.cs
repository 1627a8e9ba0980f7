namespace CoordinationService.Tests.Faults;

/// <summary>
/// How long writes stalled around a kill, from the clients' records: the first acknowledgement of a
/// write issued after the kill, and the longest stretch without any acknowledgement while the killed
/// silo was down and rejoining. The second catches a stall that comes later than the kill itself
/// (the leader moving once the dead silo is declared dead, say). Clients on the killed silo do not count.
/// </summary>
internal static class WritePauses
{
    public static TimeSpan FirstAcknowledged(KillRecord kill, IEnumerable<FaultClient> clients) =>
        kill.Since(clients.Select(c => c.FirstWriteAckedAfter(kill.KilledTicks, kill.Silo)).Where(w => w is not null).Min(w => w!.CompletedTicks));

    public static TimeSpan Longest(KillRecord kill, IEnumerable<FaultClient> clients)
    {
        var end = kill.KilledTicks + (long)((kill.Rejoined ?? TimeSpan.Zero).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        var acks = clients.SelectMany(c => c.Ops)
            .Where(o => o.IsWrite && o.Result.Outcome == Outcome.Acked && o.Server != kill.Silo && o.CompletedTicks > kill.KilledTicks && o.CompletedTicks <= end)
            .Select(o => o.CompletedTicks).Order().Prepend(kill.KilledTicks).Append(end).ToList();
        var longest = acks.Zip(acks.Skip(1), (a, b) => b - a).Max();
        return TimeSpan.FromSeconds((double)longest / System.Diagnostics.Stopwatch.Frequency);
    }
}
