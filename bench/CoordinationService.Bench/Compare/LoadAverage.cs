namespace CoordinationService.Bench.Compare;

/// <summary>The 1-minute load average from /proc/loadavg, as uptime prints it: on a shared machine the first thing to read beside a figure.</summary>
public static class LoadAverage
{
    public static string Now() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
