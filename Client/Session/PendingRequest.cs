using CoordinationService.Model;
using CoordinationService.Errors;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Client.Session;

/// <summary>A request waiting in the session's queue or in flight, and the watcher it sets, if any.</summary>
internal abstract class PendingRequest(ClientRequest request, WatchEntry? watch)
{
    public ClientRequest Request { get; } = request;

    public WatchEntry? Watch { get; } = watch;

    /// <summary>The caller gave up (cancelled or timed out), or the request is settled: not worth sending.</summary>
    public abstract bool IsAbandoned { get; }

    public string? Path => RequestPaths.Of(Request);

    public abstract void Complete(OpReply reply);

    public abstract void Fail(Exception exception);
}

/// <summary>
/// The caller's task is this request's own completion source, set from the sender loop in issue order:
/// when a caller sees its task completed, every earlier request's task is completed too. Continuations
/// run asynchronously, so caller code never runs on (or blocks) the session's loop.
/// </summary>
internal sealed class PendingRequest<T> : PendingRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<OpReply, T> _map;
    private readonly Action<PendingRequest>? _abandoned;
    private CancellationTokenRegistration _cancellation;
    private ITimer? _timer;

    public PendingRequest(ClientRequest request, WatchEntry? watch, Func<OpReply, T> map, Action<PendingRequest>? abandoned)
        : base(request, watch)
    {
        _map = map;
        _abandoned = abandoned;
    }

    public Task<T> Task => _completion.Task;

    public override bool IsAbandoned => _completion.Task.IsCompleted;

    /// <summary>Arms the caller's cancellation and the request timeout (OperationTimeout, as ZooKeeper's code for it).</summary>
    public void Arm(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.Register(
                static (state, token) => ((PendingRequest<T>)state!).Abandon(new OperationCanceledException(token)),
                this);
        }

        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = time.CreateTimer(
                static state =>
                {
                    var pending = (PendingRequest<T>)state!;
                    pending.Abandon(new CoordinationException(ResultCode.OperationTimeout, pending.Path));
                },
                this,
                timeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    public override void Complete(OpReply reply)
    {
        T value;
        try
        {
            value = _map(reply);
        }
        catch (Exception ex)
        {
            Fail(ex);
            return;
        }

        Disarm();
        _completion.TrySetResult(value);
    }

    public override void Fail(Exception exception) => TryFail(exception);

    private bool TryFail(Exception exception)
    {
        Disarm();
        return exception is OperationCanceledException canceled
            ? _completion.TrySetCanceled(canceled.CancellationToken)
            : _completion.TrySetException(exception);
    }

    private void Abandon(Exception reason)
    {
        if (TryFail(reason))
        {
            _abandoned?.Invoke(this);
        }
    }

    private void Disarm()
    {
        _cancellation.Dispose();
        _timer?.Dispose();
    }
}
