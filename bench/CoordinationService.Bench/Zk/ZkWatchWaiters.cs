using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Bench.Zk;

/// <summary>
/// Who waits for the next notification on which path, for one connection. A waiter is registered before
/// the request that sets the watch goes out, so an event that overtakes the request's reply still finds it;
/// ZooKeeper's watches are one-shot, so an event completes and removes every waiter of its path.
/// </summary>
public sealed class ZkWatchWaiters
{
    private readonly Dictionary<string, List<TaskCompletionSource<WatcherEvent>>> _byPath = new(StringComparer.Ordinal);
    private Exception? _failure;

    public TaskCompletionSource<WatcherEvent> Add(string path)
    {
        // Completed inline on the receive loop, like replies: the measured latency then holds no thread-pool hop.
        var waiter = new TaskCompletionSource<WatcherEvent>();
        lock (_byPath)
        {
            if (_failure is not null)
            {
                waiter.TrySetException(_failure);
                return waiter;
            }

            if (!_byPath.TryGetValue(path, out var list))
            {
                _byPath[path] = list = [];
            }

            list.Add(waiter);
        }

        return waiter;
    }

    /// <summary>The watch was not set after all (the request failed): the waiter would never complete.</summary>
    public void Remove(string path, TaskCompletionSource<WatcherEvent> waiter)
    {
        lock (_byPath)
        {
            if (_byPath.TryGetValue(path, out var list) && list.Remove(waiter) && list.Count == 0)
            {
                _byPath.Remove(path);
            }
        }
    }

    public void Fire(WatcherEvent notification)
    {
        List<TaskCompletionSource<WatcherEvent>>? fired;
        lock (_byPath)
        {
            if (_byPath.Remove(notification.Path, out fired) is false)
            {
                return;
            }
        }

        foreach (var waiter in fired)
        {
            waiter.TrySetResult(notification);
        }
    }

    public void FailAll(Exception error)
    {
        List<TaskCompletionSource<WatcherEvent>> all;
        lock (_byPath)
        {
            _failure ??= error;
            all = _byPath.Values.SelectMany(l => l).ToList();
            _byPath.Clear();
        }

        foreach (var waiter in all)
        {
            waiter.TrySetException(error);
        }
    }
}
