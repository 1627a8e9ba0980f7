using System.Runtime;
using System.Runtime.InteropServices;

namespace CoordinationService.Bench.Reporting;

/// <summary>What the figures were measured on; they mean little without it.</summary>
public static class MachineFacts
{
    public static IReadOnlyList<string> Describe() =>
    [
        $"CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores",
        $"OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
        $".NET: {RuntimeInformation.FrameworkDescription}",
        $"Bench process GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, latency mode {GCSettings.LatencyMode}, " +
            $"TieredPGO={Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "default"}",
    ];

    private static string CpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "unknown CPU";
        }

        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':') + 1)..].Trim() ?? "unknown CPU";
    }
}
