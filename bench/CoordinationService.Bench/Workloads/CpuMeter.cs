using System.Diagnostics;

namespace CoordinationService.Bench.Workloads;

/// <summary>CPU used by the bench and the silo over the measured window, as a share of all cores:
/// shows which process is the bottleneck without attaching a profiler.</summary>
public sealed class CpuMeter(Func<TimeSpan>? siloCpu)
{
    private TimeSpan _benchStart;
    private TimeSpan _siloStart;
    private (long Busy, long Total)? _machineStart;

    public void Start()
    {
        _benchStart = BenchCpu();
        _siloStart = siloCpu?.Invoke() ?? TimeSpan.Zero;
        _machineStart = MachineCpu.Read();
    }

    public CpuUsage Stop(TimeSpan window)
    {
        var cores = Environment.ProcessorCount * window.TotalSeconds;
        var bench = (BenchCpu() - _benchStart).TotalSeconds / cores;
        double? silo = siloCpu is null ? null : (siloCpu() - _siloStart).TotalSeconds / cores;
        double? machine = (_machineStart, MachineCpu.Read()) is ({ } from, { } to) && to.Total > from.Total
            ? (double)(to.Busy - from.Busy) / (to.Total - from.Total)
            : null;
        return new CpuUsage(bench, silo, machine);
    }

    private static TimeSpan BenchCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

/// <summary>Fractions of the machine's total CPU (1.0 = every core busy); <see cref="Machine"/> counts every process.</summary>
public readonly record struct CpuUsage(double Bench, double? Silo, double? Machine)
{
    /// <summary>What neither the bench nor the silo used: other processes and the kernel's own work.</summary>
    public double? Others => Machine is { } all ? Math.Max(0, all - Bench - (Silo ?? 0)) : null;
}
