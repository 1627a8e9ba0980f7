using CoordinationService.Grains;

namespace CoordinationService.Locks;

/// <summary>A contender's pending <see cref="ILockGrain.WaitForGrant"/> call.</summary>
internal sealed class LockWaiter(LockWait wait)
{
    private readonly TaskCompletionSource<LockWaitReply> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LockWait Wait { get; } = wait;

    public Task<LockWaitReply> Reply => _reply.Task;

    public void Answer(LockWaitReply reply) => _reply.TrySetResult(reply);
}
