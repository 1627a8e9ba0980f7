using System.Diagnostics;

namespace CoordinationService.Bench.Workloads;

/// <summary>CPU used by the bench and the silo over the measured window, as a share of all cores:
/// shows which process is the bottleneck without attaching a profiler.</summary>
public sealed class CpuMeter(Func<TimeSpan>? siloCpu)
{
    private TimeSpan _benchStart;
    private TimeSpan _siloStart;

    public void Start()
    {
        _benchStart = BenchCpu();
        _siloStart = siloCpu?.Invoke() ?? TimeSpan.Zero;
    }

    public CpuUsage Stop(TimeSpan window)
    {
        var cores = Environment.ProcessorCount * window.TotalSeconds;
        var bench = (BenchCpu() - _benchStart).TotalSeconds / cores;
        double? silo = siloCpu is null ? null : (siloCpu() - _siloStart).TotalSeconds / cores;
        return new CpuUsage(bench, silo);
    }

    private static TimeSpan BenchCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>Fractions of the machine's total CPU (1.0 = every core busy).</summary>
public readonly record struct CpuUsage(double Bench, double? Silo);
