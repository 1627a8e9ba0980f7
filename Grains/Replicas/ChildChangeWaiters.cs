namespace CoordinationService.Replicas;

/// <summary>
/// In-silo listeners for changes to a node's children (a child created or deleted, the node itself
/// created or deleted): the replica releases them as it applies txns, so a listener wakes once per
/// change and never polls. Has its own lock, as a listener may be cancelled from any thread.
/// </summary>
internal sealed class ChildChangeWaiters
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<TaskCompletionSource>> _byPath = new(StringComparer.Ordinal);

    private int _paths;

    /// <summary>Read without the lock: the apply path checks it for every txn.</summary>
    public bool IsEmpty => Volatile.Read(ref _paths) == 0;

    public Task Add(string path, CancellationToken cancellation)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (!_byPath.TryGetValue(path, out var waiters))
            {
                waiters = [];
                _byPath.Add(path, waiters);
                Volatile.Write(ref _paths, _byPath.Count);
            }

            waiters.Add(waiter);
        }

        if (cancellation.CanBeCanceled)
        {
            var registration = cancellation.Register(() => Cancel(path, waiter, cancellation));
            waiter.Task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    public void Release(string path)
    {
        List<TaskCompletionSource>? released;
        lock (_gate)
        {
            _byPath.Remove(path, out released);
            Volatile.Write(ref _paths, _byPath.Count);
        }

        released?.ForEach(static w => w.TrySetResult());
    }

    public void ReleaseAll()
    {
        List<TaskCompletionSource> released;
        lock (_gate)
        {
            released = [.. _byPath.Values.SelectMany(w => w)];
            _byPath.Clear();
            Volatile.Write(ref _paths, 0);
        }

        released.ForEach(static w => w.TrySetResult());
    }

    private void Cancel(string path, TaskCompletionSource waiter, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_byPath.TryGetValue(path, out var waiters) && waiters.Remove(waiter) && waiters.Count == 0)
            {
                _byPath.Remove(path);
                Volatile.Write(ref _paths, _byPath.Count);
            }
        }

        waiter.TrySetCanceled(cancellation);
    }
}
