using System.Diagnostics;
using CoordinationService.Bench.Reporting;
namespace CoordinationService.Bench.Workloads;

/// <summary>
/// Runs a workload closed-loop for warm-up plus the measured window. Only requests that both start and
/// complete inside the window count; each worker records its own latencies (no shared state on the hot path).
/// </summary>
public sealed class WorkloadDriver(IReadOnlyList<IBenchSession> sessions, TimeSpan warmUp, TimeSpan duration, Func<TimeSpan>? siloCpu)
{
    public async Task<WorkloadResult> RunAsync(Workload workload, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[workload.InFlight];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new Worker(sessions[i % sessions.Count], new Random(i), (int)Math.Min(duration.TotalSeconds * 100_000 / workers.Length, 1 << 20));
        }

        var cpu = new CpuMeter(siloCpu);
        var measuring = WaitUntil(measureFrom, ct).ContinueWith(_ => cpu.Start(), TaskScheduler.Default);
        await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(workload, measureFrom, measureUntil, ct), ct)));
        await measuring;
        var usage = cpu.Stop(TimeSpan.FromSeconds((double)(measureUntil - measureFrom) / Stopwatch.Frequency));
        ct.ThrowIfCancellationRequested();

        var latencies = LatencyHistogram.Merge(workers.Select(w => w.Latencies));
        return new WorkloadResult(
            workload.Name,
            workload.InFlight,
            Math.Min(sessions.Count, workload.InFlight),
            latencies.Count / duration.TotalSeconds,
            latencies,
            workers.Sum(w => w.Errors),
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            usage,
            workload.Target);
    }

    private static async Task WaitUntil(long timestamp, CancellationToken ct)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, ct).ConfigureAwait(false);
        }
    }

    private sealed class Worker(IBenchSession session, Random random, int capacity)
    {
        public List<long> Latencies { get; } = new(capacity);

        public int Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync(Workload workload, long measureFrom, long measureUntil, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                if (Stopwatch.GetTimestamp() >= measureUntil)
                {
                    return;
                }

                long began, ended;
                try
                {
                    (began, ended) = await workload.MeasureAsync(session, random).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Warm-up errors count too: a run that failed anywhere is flagged, not reported.
                    Errors++;
                    FirstError ??= $"{ex.GetType().Name}: {ex.Message}";
                    continue;
                }

                if (began >= measureFrom && ended <= measureUntil)
                {
                    Latencies.Add(ended - began);
                }
            }
        }
    }
}
