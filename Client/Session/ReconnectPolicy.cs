using Polly;
using Polly.Retry;

namespace CoordinationService.Client.Session;

/// <summary>
/// The retry shape of every (re)connection: exponential backoff with jitter on transport failures,
/// each attempt bounded, for as long as the session can still be alive — and never sleeping past that
/// moment, so expiry is noticed when it happens rather than one long backoff later.
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(
        CoordinationClientOptions options, TimeProvider time, TimeSpan attemptTimeout, Func<TimeSpan> timeLeft) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && TransportErrors.IsTransient(ex) && timeLeft() > TimeSpan.Zero),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    Min(Backoff(options, args.AttemptNumber), timeLeft())),
                MaxRetryAttempts = int.MaxValue,
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>An attempt that hangs must not eat the whole session timeout: a third of it, at least a second.</summary>
    public static TimeSpan AttemptTimeout(TimeSpan sessionTimeout) =>
        TimeSpan.FromMilliseconds(Math.Max(1000, sessionTimeout.TotalMilliseconds / 3));

    /// <summary>Exponential from the base delay, capped, with ±50 % jitter so clients cut off together do not return together.</summary>
    private static TimeSpan Backoff(CoordinationClientOptions options, int attempt)
    {
        var exponential = options.ReconnectBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exponential, options.ReconnectMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : (b > TimeSpan.Zero ? b : TimeSpan.Zero);
}
