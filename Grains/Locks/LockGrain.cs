using CoordinationService.Grains;
using CoordinationService.Replicas;
using Orleans.Concurrency;
using Orleans.Placement;

namespace CoordinationService.Locks;

/// <summary>
/// The waiting room of one lock path. Waiters are answered from this silo's replica: one listener
/// on the path's children wakes the grain once per change, the queue is read once, and only the
/// waiters that change lets in are answered — a release wakes exactly the next contender (or the
/// next readers), never the whole queue. Holds nothing the tree does not: a new activation
/// anywhere answers the same.
/// </summary>
[PreferLocalPlacement, Reentrant]
internal sealed class LockGrain(Replica replica) : Grain, ILockGrain
{
    // A session's last seen zxid this replica cannot reach in this long means the silo is cut off.
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(10);

    private readonly List<LockWaiter> _waiters = [];
    private readonly CancellationTokenSource _deactivating = new();
    private Task _watching = Task.CompletedTask;

    private string LockPath => this.GetPrimaryKeyString();

    public async Task<LockWaitReply> WaitForGrant(LockWait wait, CancellationToken cancellationToken = default)
    {
        try
        {
            await replica.WaitForAppliedAsync(wait.LastZxidSeen).WaitAsync(CatchUpTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new LockWaitReply(LockWaitStatus.Waiting, replica.AppliedZxid);
        }

        var path = LockPath;
        var now = Answer(replica.Inspect(tree => LockQueue.Read(tree, path)), wait);
        if (now.Status != LockWaitStatus.Waiting)
        {
            return now;
        }

        var waiter = new LockWaiter(wait);
        _waiters.Add(waiter);
        if (_watching.IsCompleted)
        {
            _watching = WatchAsync(_deactivating.Token);
        }

        try
        {
            return await waiter.Reply.WaitAsync(wait.MaxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return new LockWaitReply(LockWaitStatus.Waiting, replica.AppliedZxid);
        }
        finally
        {
            _waiters.Remove(waiter);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>Re-reads the queue at every change of the lock path's children while anyone waits.</summary>
    private async Task WatchAsync(CancellationToken stopping)
    {
        var path = LockPath;
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        try
        {
            while (true)
            {
                var (queue, changed) = replica.InspectAndWatchChildren(path, tree => LockQueue.Read(tree, path), listening.Token);
                foreach (var waiter in _waiters.ToList())
                {
                    var reply = Answer(queue, waiter.Wait);
                    if (reply.Status != LockWaitStatus.Waiting)
                    {
                        // Removed here, not only when the call resumes: the next round must not see it again.
                        _waiters.Remove(waiter);
                        waiter.Answer(reply);
                    }
                }

                if (_waiters.Count == 0)
                {
                    listening.Cancel();
                    return;
                }

                await changed;
            }
        }
        catch (OperationCanceledException) when (listening.IsCancellationRequested)
        {
        }
    }

    private static LockWaitReply Answer(LockQueue queue, LockWait wait)
    {
        var index = queue.IndexOf(wait.NodeName);
        if (index < 0 || queue.Contenders[index].Session != wait.Session.Value)
        {
            return new LockWaitReply(LockWaitStatus.Gone, queue.Zxid);
        }

        return new LockWaitReply(queue.IsGranted(index, wait.MaxHolders) ? LockWaitStatus.Granted : LockWaitStatus.Waiting, queue.Zxid);
    }
}
