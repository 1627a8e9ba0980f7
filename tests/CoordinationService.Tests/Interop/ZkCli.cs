namespace CoordinationService.Tests.Interop;

/// <summary>Debian's zkCli.sh, one command per JVM, as an operator runs it from a shell.</summary>
internal static class ZkCli
{
    private const string Connected = "WatchedEvent state:SyncConnected type:None path:null";

    /// <summary>Runs one command; returns its exit code and the lines it printed after connecting (log noise dropped).</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Lines, ToolResult Raw)> RunAsync(int port, params string[] command)
    {
        InteropTools.RequireZkCli();
        var raw = await ToolProcess.RunAsync(InteropTools.ZkCli, ["-server", $"127.0.0.1:{port}", .. command], TimeSpan.FromSeconds(60));
        var lines = (raw.StandardOutput + "\n" + raw.StandardError).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.Contains(Connected, StringComparison.Ordinal));
        Assert.True(start >= 0, $"zkCli {string.Join(' ', command)} never connected: {raw}");
        var printed = lines.Skip(start + 1)
            .Where(l => l.Length > 0 && !l.StartsWith("SLF4J:", StringComparison.Ordinal) && !l.StartsWith("WATCHER::", StringComparison.Ordinal))
            .ToList();
        return (raw.ExitCode, printed, raw);
    }
}
