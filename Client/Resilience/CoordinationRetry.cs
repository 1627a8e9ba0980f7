using CoordinationService.Errors;
using CoordinationService.Model;
using Polly;
using Polly.Retry;

namespace CoordinationService.Client.Resilience;

/// <summary>
/// Polly v8 pipelines for operations that may be sent again. The client already rides out a silo
/// failure by itself (it re-attaches the session and resends reads); what reaches a caller is a
/// write whose fate is unknown (<see cref="ConnectionLossException"/>) or a request that outlived
/// its timeout. Retrying those is safe only for idempotent operations: reads, unconditional
/// setData, delete-if-exists, create-if-missing, and creates made recognisable by
/// <see cref="ProtectedCreateExtensions.CreateProtectedAsync"/>. A conditional write retried after
/// it succeeded fails with BadVersion, and a plain sequential create retried leaves an orphan.
/// </summary>
public static class CoordinationRetry
{
    private static readonly Lazy<ResiliencePipeline> DefaultPipeline = new(() => CreatePipeline());

    /// <summary>A shared pipeline with the default <see cref="CoordinationRetryOptions"/>.</summary>
    public static ResiliencePipeline Default => DefaultPipeline.Value;

    /// <summary>Exponential backoff with jitter on <see cref="IsTransient"/> failures; anything else
    /// (a typed ZooKeeper error, an expired session, the caller's cancellation) passes through at once.</summary>
    public static ResiliencePipeline CreatePipeline(CoordinationRetryOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new CoordinationRetryOptions();
        if (options.MaxRetryAttempts == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && IsTransient(ex)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                MaxRetryAttempts = options.MaxRetryAttempts,
            })
            .Build();
    }

    /// <summary>The request may or may not have run and the session may still be alive: worth another try.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ConnectionLossException => true,
        CoordinationException { Code: ResultCode.OperationTimeout } => true,
        _ => false,
    };
}
