using System.Diagnostics;
using CoordinationService.Model;
using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.Locks;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// A contender for one lock by ZooKeeper's recipe: an ephemeral sequential node named with a tag of
/// its own (so a create whose reply was lost can be found again), granted when its node is the lowest,
/// otherwise waiting on its predecessor's deletion; it holds the lock a moment, then deletes its node.
/// The fencing token is the node's czxid.
/// </summary>
internal sealed class LockWorker(
    string name,
    RunPaths paths,
    Func<CancellationToken, Task<IWorkloadSession>> openSession,
    RunRecord record,
    Random random)
{
    private static readonly TimeSpan WatchFallback = TimeSpan.FromMilliseconds(500);

    private IWorkloadSession? _session;
    private int _counter;

    public int Grants { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (_session is null || _session.IsEnded)
                {
                    await ReplaceSessionAsync(stop);
                    continue;
                }

                await ContendOnceAsync(_session, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            if (_session is not null)
            {
                await _session.DisposeAsync();
            }
        }
    }

    private async Task ReplaceSessionAsync(CancellationToken stop)
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
            _session = null;
        }

        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stop);
            attempt.CancelAfter(TimeSpan.FromSeconds(20));
            _session = await openSession(attempt.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            await Task.Delay(500, stop);
        }
    }

    private async Task ContendOnceAsync(IWorkloadSession session, CancellationToken stop)
    {
        var tag = $"n-{name}-{++_counter}-";
        var node = await CreateNodeAsync(session, tag, stop);
        if (node is not { } mine)
        {
            return;
        }

        var ownName = mine.Path[(paths.Lock.Length + 1)..];
        while (!stop.IsCancellationRequested)
        {
            var readInvoked = Stopwatch.GetTimestamp();
            var children = await session.GetChildrenAsync(paths.Lock, stop);
            if (!children.IsOk)
            {
                if (session.IsEnded)
                {
                    return;
                }

                continue;
            }

            var contenders = children.Value!.Children.OrderBy(RunPaths.SequenceOf).ToList();
            var position = contenders.IndexOf(ownName);
            if (position < 0)
            {
                // Our node is gone: the session ended under us.
                return;
            }

            if (position == 0)
            {
                await HoldAndReleaseAsync(session, mine, readInvoked, Stopwatch.GetTimestamp());
                return;
            }

            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var predecessor = await session.ExistsAsync($"{paths.Lock}/{contenders[position - 1]}", changed, stop);
            if (predecessor.IsOk && predecessor.Value is not null)
            {
                await Task.WhenAny(changed.Task, Task.Delay(WatchFallback, stop));
            }
        }
    }

    private async Task<CreatedNode?> CreateNodeAsync(IWorkloadSession session, string tag, CancellationToken stop)
    {
        var created = await session.CreateAsync($"{paths.Lock}/{tag}", [], CreateMode.EphemeralSequential, stop);
        if (created.IsOk || !created.Sent || session.IsEnded)
        {
            return created.Value;
        }

        // The reply was lost: the node may exist. Look for our tag, as Curator's protected mode does.
        while (!stop.IsCancellationRequested && !session.IsEnded)
        {
            var children = await session.GetChildrenAsync(paths.Lock, stop);
            if (!children.IsOk)
            {
                continue;
            }

            var found = children.Value!.Children.FirstOrDefault(c => c.StartsWith(tag, StringComparison.Ordinal));
            if (found is null)
            {
                return null;
            }

            var stat = await session.ExistsAsync($"{paths.Lock}/{found}", null, stop);
            if (stat.IsOk)
            {
                return stat.Value is { } s ? new CreatedNode($"{paths.Lock}/{found}", s) : null;
            }
        }

        return null;
    }

    private async Task HoldAndReleaseAsync(IWorkloadSession session, CreatedNode mine, long readInvoked, long granted)
    {
        // Held to the end even when the run stops meanwhile, so every grant is released and recorded.
        await Task.Delay(random.Next(5, 40), CancellationToken.None);
        var releaseInvoked = Stopwatch.GetTimestamp();
        var deleted = await session.DeleteAsync(mine.Path, -1, CancellationToken.None);
        Grants++;
        record.Locks.Add(new LockGrant(
            paths.Lock, $"{name} ({session.Client} 0x{session.SessionId:x})", mine.Stat.Czxid, readInvoked, granted, releaseInvoked,
            deleted.IsOk ? LockRelease.Deleted : LockRelease.Lost));
    }
}
