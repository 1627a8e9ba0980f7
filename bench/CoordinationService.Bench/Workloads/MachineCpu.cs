namespace CoordinationService.Bench.Workloads;

/// <summary>Busy time of the whole machine from /proc/stat (Linux), so CPU taken by other processes
/// during a window shows up beside the bench's and the silo's own.</summary>
public static class MachineCpu
{
    private const string ProcStat = "/proc/stat";

    /// <summary>(busy, total) jiffies over all cores; null where /proc/stat does not exist.</summary>
    public static (long Busy, long Total)? Read()
    {
        if (!File.Exists(ProcStat))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal ..."; idle and iowait are not busy.
        var fields = File.ReadLines(ProcStat).First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }
}
