using CoordinationService.Client.Session;
using CoordinationService.Errors;
using CoordinationService.Model;
using Polly;
using Polly.Retry;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Retries of the lock steps, which are all safe to repeat: joining and leaving are idempotent for
/// one owner id, waiting only reads, and deleting a node that is gone is the outcome we wanted.
/// They stop when the session ends (its ephemerals are gone then) or the caller's deadline passes.
/// </summary>
internal static class LockRetries
{
    private static readonly ResiliencePropertyKey<LockDeadline> DeadlineKey = new("coordination.lock.deadline");

    /// <summary>Session requests whose outcome is unknown (the leader failed or moved meanwhile).</summary>
    public static readonly ResiliencePipeline UnknownOutcome = Build(static ex =>
        ex is ConnectionLossException || ex is CoordinationException { Code: ResultCode.OperationTimeout });

    /// <summary>Calls straight to a lock grain whose silo went away.</summary>
    public static readonly ResiliencePipeline Transport = Build(TransportErrors.IsTransient);

    public static async Task<T> RunAsync<T>(
        ResiliencePipeline pipeline, LockDeadline deadline, Func<CancellationToken, Task<T>> step, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(DeadlineKey, deadline);
            return await pipeline.ExecuteAsync(
                static async (ctx, state) => await state(ctx.CancellationToken).ConfigureAwait(false), context, step).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static ResiliencePipeline Build(Func<Exception, bool> retryable) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && retryable(ex)
                    && args.Context.Properties.TryGetValue(DeadlineKey, out var deadline) && deadline.AllowsRetry),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
                MaxDelay = TimeSpan.FromSeconds(1),
                MaxRetryAttempts = int.MaxValue,
            })
            .Build();
}
