using System.Diagnostics;
using System.Net;
using CoordinationService.Bench.Reporting;
using CoordinationService.Bench.Workloads;

namespace CoordinationService.Bench.Zk;

/// <summary>
/// A fixed number of short sessions: connect (a new session is a write on every ZooKeeper-class server),
/// create one ephemeral node, close (another write, which deletes the node). Latency is that whole life;
/// ops/s is sessions per second over the whole batch. Afterwards no ephemeral may be left: a closed
/// session whose node survives counts as an error.
/// </summary>
public static class SessionChurn
{
    public const string Name = "sessions: connect+ephemeral+close";

    public static async Task<WorkloadResult> RunAsync(
        IReadOnlyList<IPEndPoint> servers, IBenchSession checker, string parent, int count, int concurrency, Func<TimeSpan>? serverCpu, CancellationToken ct)
    {
        var next = -1;
        var latencies = new List<long>[concurrency];
        var errors = 0;
        string? firstError = null;
        var cpu = new CpuMeter(serverCpu);
        cpu.Start();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            int n;
            while ((n = Interlocked.Increment(ref next)) < count && !ct.IsCancellationRequested)
            {
                var began = Stopwatch.GetTimestamp();
                try
                {
                    await OneSessionAsync(servers[n % servers.Count], $"{parent}/s{n:D6}", ct).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetTimestamp() - began);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{ex.GetType().Name}: {ex.Message}", null);
                }
            }
        }, ct)));
        var elapsed = clock.Elapsed;
        var usage = cpu.Stop(elapsed);
        ct.ThrowIfCancellationRequested();

        var left = await checker.GetChildrenAsync(parent, ct).ConfigureAwait(false);
        if (left.Count > 0)
        {
            errors += left.Count;
            firstError ??= $"{left.Count} ephemeral nodes outlived their closed sessions, e.g. {parent}/{left[0]}";
        }

        var histogram = LatencyHistogram.Merge(latencies);
        return new WorkloadResult(Name, concurrency, concurrency, histogram.Count / elapsed.TotalSeconds, histogram, errors, firstError, usage, Target: null);
    }

    private static async Task OneSessionAsync(IPEndPoint server, string path, CancellationToken ct)
    {
        await using var connection = await ZkConnection.ConnectAsync(server, ZooKeeperBenchOptions.SessionTimeout, ct).ConfigureAwait(false);
        await new ZkSession(connection).CreateEphemeralAsync(path, sequential: false, ct).ConfigureAwait(false);
        await connection.CloseAsync().ConfigureAwait(false);
    }
}
