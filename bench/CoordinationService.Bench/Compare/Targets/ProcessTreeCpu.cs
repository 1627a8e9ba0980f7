namespace CoordinationService.Bench.Compare.Targets;

/// <summary>
/// CPU time of processes and all their descendants, from /proc (Linux): a PostgreSQL server is a
/// postmaster plus one backend per connection, and each backend's work belongs to the server.
/// </summary>
public static class ProcessTreeCpu
{
    /// <summary>USER_HZ: /proc/[pid]/stat counts in clock ticks, 100 a second on every Linux this runs on.</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(IEnumerable<int> roots)
    {
        var processes = ReadAll();
        var wanted = new HashSet<int>(roots);
        // Parents before children is not guaranteed by pid order, so widen until nothing new joins.
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, (parent, _)) in processes)
            {
                if (!wanted.Contains(pid) && wanted.Contains(parent))
                {
                    wanted.Add(pid);
                    grew = true;
                }
            }
        }
        while (grew);

        var ticks = processes.Where(p => wanted.Contains(p.Key)).Sum(p => p.Value.Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static Dictionary<int, (int Parent, long Ticks)> ReadAll()
    {
        var all = new Dictionary<int, (int, long)>();
        if (!Directory.Exists("/proc"))
        {
            return all;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ... utime stime ...": comm may hold spaces, so fields count from the last ')'.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                all[pid] = (int.Parse(fields[1]), long.Parse(fields[11]) + long.Parse(fields[12]));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked.
            }
        }

        return all;
    }
}
