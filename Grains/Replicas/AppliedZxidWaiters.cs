namespace CoordinationService.Replicas;

/// <summary>Callers waiting until the replica has applied a given zxid. Not thread-safe: the replica guards it.</summary>
internal sealed class AppliedZxidWaiters
{
    private readonly PriorityQueue<TaskCompletionSource, long> _waiters = new();

    public Task WaitFor(long zxid) 
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue(waiter, zxid);
        return waiter.Task;
    }

    public void ReleaseUpTo(long appliedZxid)
    {
        while (_waiters.TryPeek(out var waiter, out var zxid) && zxid <= appliedZxid)
        {
            _waiters.Dequeue();
            waiter.TrySetResult();
        }
    }
}
