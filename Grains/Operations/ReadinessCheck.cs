using System.Globalization;
using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Replicas;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Operations;

/// <summary>
/// Ready means this silo serves what a client expects: it has started, the log store answers, it is
/// in touch with a leader that can commit, and its replica is within <see cref="AdminOptions.ReadyMaxLagTxns"/>
/// of the log's last zxid. Every probe reports all of these, so a failing one says which and by how much.
/// </summary>
public sealed partial class ReadinessCheck(
    SiloActivity activity,
    Replica replica,
    LeaderContact contact,
    ITransactionLog log,
    IOptions<AdminOptions> options,
    ILogger<ReadinessCheck> logger) : IHealthCheck
{
    private int _lastReady = -1;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var (logZxid, logProblem) = await ReadLogAsync(TimeSpan.FromMilliseconds(settings.LogStoreTimeoutMs), cancellationToken).ConfigureAwait(false);
        var applied = new Zxid(replica.AppliedZxid);
        var lag = logZxid is { } last ? ZxidLag.Between(applied, last) : (long?)null;

        var data = new Dictionary<string, object>
        {
            ["silo"] = activity.State,
            ["appliedZxid"] = applied.ToString(),
            ["logZxid"] = logZxid?.ToString() ?? "unknown",
            ["lagTxns"] = lag ?? -1,
            ["maxLagTxns"] = settings.ReadyMaxLagTxns,
            ["leaderContact"] = contact.InTouch ? "in touch" : "out of touch",
            ["logStore"] = logProblem ?? "answers",
        };

        var problem =
            !activity.IsActive ? $"silo is {activity.State}" :
            logProblem is not null ? $"log store: {logProblem}" :
            !contact.InTouch ? $"out of touch with the leader for {contact.OutOfTouchFor.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s (reads possibly stale)" :
            lag > settings.ReadyMaxLagTxns ? $"replica catching up: {lag} txns behind the log" :
            null;

        Report(problem, applied, logZxid);
        return problem is null
            ? HealthCheckResult.Healthy("caught up", data)
            : HealthCheckResult.Unhealthy(problem, data: data);
    }

    private async Task<(Zxid? Last, string? Problem)> ReadLogAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        try
        {
            return (await log.GetLastZxidAsync(cancellation).WaitAsync(timeout, cancellation).ConfigureAwait(false), null);
        }
        catch (TimeoutException)
        {
            return (null, $"no answer within {timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, exception.GetType().Name + ": " + exception.Message);
        }
    }

    /// <summary>One log line when readiness changes, not one per probe.</summary>
    private void Report(string? problem, Zxid applied, Zxid? logZxid)
    {
        var ready = problem is null ? 1 : 0;
        if (Interlocked.Exchange(ref _lastReady, ready) == ready)
        {
            return;
        }

        if (ready == 1)
        {
            LogReady(logger, applied.Value, logZxid?.Value ?? 0);
        }
        else
        {
            LogNotReady(logger, problem!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo ready: replica at 0x{Applied:x}, log at 0x{Log:x}")]
    private static partial void LogReady(ILogger logger, long applied, long log);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
