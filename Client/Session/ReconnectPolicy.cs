using Polly;
using Polly.Retry;

namespace CoordinationService.Client.Session;

/// <summary>
/// The retry shape of every (re)connection: exponential backoff with jitter on transport failures,
/// each attempt bounded, for as long as <c>keepTrying</c> says the session can still be alive.
/// </summary>
internal static class ReconnectPolicy
{
    public static ResiliencePipeline Create(CoordinationClientOptions options, TimeProvider time, TimeSpan attemptTimeout, Func<bool> keepTrying) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && TransportErrors.IsTransient(ex) && keepTrying()),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectBaseDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
            })
            .AddTimeout(attemptTimeout)
            .Build();

    /// <summary>An attempt that hangs must not eat the whole session timeout: a third of it, at least a second.</summary>
    public static TimeSpan AttemptTimeout(TimeSpan sessionTimeout) =>
        TimeSpan.FromMilliseconds(Math.Max(1000, sessionTimeout.TotalMilliseconds / 3));
}
