using System.Diagnostics;
using System.Text;
using CoordinationService.Client;
using CoordinationService.Client.Locks;
using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Locks;

/// <summary>
/// What every deployment must guarantee about locks (DESIGN.md invariant 8), run against the
/// embedded and the cluster mode: one holder at a time, fencing tokens that only grow, a lost
/// session losing its lock (and its client told), waiters that give up leaving nothing behind,
/// releases that let in exactly the next contender.
/// </summary>
public abstract class LockContract(LockTestBed bed)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected LockTestBed Bed => bed;

    /// <summary>Acquisitions per client in the contention test (8 clients).</summary>
    protected abstract int AcquisitionsPerClient { get; }

    [Fact]
    public async Task CriticalSectionsNeverOverlapAndFencingTokensIncrease()
    {
        const int clients = 8;
        var path = UniquePath("contended");
        var shared = path + "-shared";
        await using var setup = await bed.ConnectAsync(0);
        await EnsureLocksRootAsync(setup.Client);
        await setup.Client.CreateAsync(shared, []);
        var record = new List<CriticalSection>();

        async Task ContendAsync(int index)
        {
            await using var contender = await bed.ConnectAsync(index);
            var zk = contender.Client;
            var locks = new LockClient(zk);
            for (var i = 0; i < AcquisitionsPerClient; i++)
            {
                await using var handle = await locks.AcquireAsync(path, Patience);
                var enter = await zk.SetDataAsync(shared, Encoding.UTF8.GetBytes($"{index}/{i} in"));
                // Conditional on the entry write: another holder writing in between would make it fail.
                var exit = await zk.SetDataAsync(shared, Encoding.UTF8.GetBytes($"{index}/{i} out"), enter.Version);
                lock (record)
                {
                    record.Add(new CriticalSection(handle.FencingToken, enter.Mzxid, exit.Mzxid));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(ContendAsync));

        Assert.Equal(clients * AcquisitionsPerClient, record.Count);
        var ordered = record.OrderBy(s => s.EnterZxid).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i - 1].ExitZxid < ordered[i].EnterZxid, $"critical sections {ordered[i - 1]} and {ordered[i]} overlap");
            Assert.True(ordered[i - 1].FencingToken < ordered[i].FencingToken, $"fencing token did not increase from {ordered[i - 1]} to {ordered[i]}");
        }

        await setup.Client.SyncAsync(shared);
        Assert.Equal(2 * clients * AcquisitionsPerClient, (await setup.Client.GetDataAsync(shared)).Stat.Version);
        Assert.Empty(await ChildrenAsync(setup.Client, path));
    }

    [Fact]
    public async Task FencingTokenIsTheHolderNodesCreationZxid()
    {
        var path = UniquePath("token");
        await using var holder = await bed.ConnectAsync(1);
        await using var handle = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var stat = await holder.Client.ExistsAsync(handle.NodePath);
        Assert.NotNull(stat);
        Assert.Equal(stat.Czxid, handle.FencingToken);
        Assert.Equal(holder.Client.SessionId.Value, stat.EphemeralOwner);
        Assert.Matches("^[0-9a-f]{32}__lock__[0-9]{10}$", PathValidation.NameOf(handle.NodePath));
    }

    [Fact]
    public async Task TryAcquireTimesOutCleanly()
    {
        var path = UniquePath("timeout");
        await using var holder = await bed.ConnectAsync(0);
        await using var waiter = await bed.ConnectAsync(1);
        var held = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var locks = new LockClient(waiter.Client);

        var clock = Stopwatch.StartNew();
        Assert.Null(await locks.TryAcquireAsync(path, TimeSpan.FromMilliseconds(500)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), Patience);
        Assert.Null(await locks.TryAcquireAsync(path));
        await Assert.ThrowsAsync<TimeoutException>(() => locks.AcquireAsync(path, TimeSpan.FromMilliseconds(200)));
        Assert.Equal([PathValidation.NameOf(held.NodePath)], await ChildrenAsync(waiter.Client, path));

        await held.DisposeAsync();
        await using var next = await locks.TryAcquireAsync(path, Patience);
        Assert.NotNull(next);
        Assert.True(next.FencingToken > held.FencingToken);
    }

    [Fact]
    public async Task AHolderWhoseSessionExpiresIsToldAndTheNextWaiterGetsTheLock()
    {
        var path = UniquePath("expiry");
        var timeout = bed.ShortSessionTimeout;
        await using var holder = await bed.ConnectAsync(0, timeout);
        await using var waiter = await bed.ConnectAsync(1);
        var handle = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handle.LostToken.Register(() => lost.TrySetResult());
        var next = new LockClient(waiter.Client).AcquireAsync(path, Patience);
        await Eventually.TrueAsync(async () => (await ChildrenAsync(waiter.Client, path)).Count == 2, Patience, "the waiter queued");

        var clock = Stopwatch.StartNew();
        holder.Link.Cut();
        await lost.Task.WaitAsync(Patience);
        var toldAfter = clock.Elapsed;
        await using var granted = await next.WaitAsync(Patience);
        var grantedAfter = clock.Elapsed;

        // The client counts from its last answer, which came before the cut: at most the timeout, plus a loaded machine's delays.
        Assert.True(toldAfter <= timeout + TimeSpan.FromSeconds(2), $"LostToken fired {toldAfter} after the cut; the session timeout is {timeout}");
        Assert.True(grantedAfter <= (timeout * 2) + TimeSpan.FromSeconds(5), $"the next waiter got the lock {grantedAfter} after the cut");
        Assert.Equal(SessionState.Expired, holder.Client.State);
        Assert.True(granted.FencingToken > handle.FencingToken);
        Assert.Equal([PathValidation.NameOf(granted.NodePath)], await ChildrenAsync(waiter.Client, path));
    }

    [Fact]
    public async Task ANodeDeletedUnderItsHolderFiresLostToken()
    {
        var path = UniquePath("deleted");
        await using var holder = await bed.ConnectAsync(0);
        await using var admin = await bed.ConnectAsync(2);
        var handle = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handle.LostToken.Register(() => lost.TrySetResult());
        await holder.Client.SyncAsync(path);
        Assert.False(handle.LostToken.IsCancellationRequested);

        await admin.Client.SyncAsync(path);
        await admin.Client.DeleteAsync(handle.NodePath);
        await lost.Task.WaitAsync(Patience);
        await handle.DisposeAsync();
    }

    [Fact]
    public async Task WaitersThatGiveUpLeaveNoNode()
    {
        var path = UniquePath("give-up");
        await using var holder = await bed.ConnectAsync(0);
        var held = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var waiters = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => bed.ConnectAsync(i)));
        try
        {
            using var giveUp = new CancellationTokenSource();
            var attempts = waiters.Select(w => new LockClient(w.Client).AcquireAsync(path, Patience, giveUp.Token)).ToList();
            await Eventually.TrueAsync(async () => (await ChildrenAsync(holder.Client, path)).Count == 5, Patience, "four waiters queued");

            giveUp.Cancel();
            foreach (var attempt in attempts)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
            }

            Assert.Equal([PathValidation.NameOf(held.NodePath)], await ChildrenAsync(holder.Client, path));
        }
        finally
        {
            foreach (var waiter in waiters)
            {
                await waiter.DisposeAsync();
            }
        }

        await held.DisposeAsync();
        Assert.Empty(await ChildrenAsync(holder.Client, path));
    }

    [Fact]
    public async Task AWaiterThatGivesUpAsTheLockIsGrantedLeavesNoNode()
    {
        var path = UniquePath("race");
        await using var holder = await bed.ConnectAsync(0);
        await using var waiter = await bed.ConnectAsync(1);
        var holderLocks = new LockClient(holder.Client);
        var waiterLocks = new LockClient(waiter.Client);
        for (var round = 0; round < 20; round++)
        {
            var held = await holderLocks.AcquireAsync(path, Patience);
            using var giveUp = new CancellationTokenSource();
            var attempt = waiterLocks.AcquireAsync(path, Patience, giveUp.Token);
            await Eventually.TrueAsync(async () => (await ChildrenAsync(holder.Client, path)).Count == 2, Patience, "the waiter queued");

            // The release and the give-up race: whichever wins, nothing of the waiter may stay.
            var release = held.DisposeAsync().AsTask();
            await Task.Delay(round % 4);
            giveUp.Cancel();
            await release;
            try
            {
                await (await attempt).DisposeAsync();
            }
            catch (OperationCanceledException)
            {
                // Gave up before the grant reached it: the other outcome of the race, equally fine.
            }

            Assert.Empty(await ChildrenAsync(holder.Client, path));
        }
    }

    [Fact]
    public async Task AReleaseLetsInExactlyTheNextWaiterInTheOrderTheyCame()
    {
        var path = UniquePath("order");
        await using var holder = await bed.ConnectAsync(0);
        var held = await new LockClient(holder.Client).AcquireAsync(path, Patience);
        var waiters = new List<LockTestClient>();
        var attempts = new List<Task<LockHandle>>();
        try
        {
            for (var i = 1; i <= 4; i++)
            {
                var waiter = await bed.ConnectAsync(i);
                waiters.Add(waiter);
                attempts.Add(new LockClient(waiter.Client).AcquireAsync(path, Patience));
                await Eventually.TrueAsync(async () => (await ChildrenAsync(holder.Client, path)).Count == i + 1, Patience, $"waiter {i} queued");
            }

            var previous = held;
            for (var i = 0; i < attempts.Count; i++)
            {
                await previous.DisposeAsync();
                var next = await attempts[i].WaitAsync(Patience);
                Assert.True(next.FencingToken > previous.FencingToken);
                // The others stay queued and were not even answered: a release wakes one contender, not the queue.
                await Task.Delay(200);
                Assert.All(attempts.Skip(i + 1), later => Assert.False(later.IsCompleted, "a later waiter was let in out of turn"));
                Assert.Equal(i + 1, waiters.Sum(w => w.Link.LockWaitReplies));
                previous = next;
            }

            await previous.DisposeAsync();
        }
        finally
        {
            foreach (var waiter in waiters)
            {
                await waiter.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ReadersShareTheLockAndAWriterWaitsForThemAndHoldsBackLaterReaders()
    {
        var path = UniquePath("rw");
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => bed.ConnectAsync(i)));
        try
        {
            var rw = clients.Select(c => new ReadWriteLockClient(c.Client)).ToArray();
            var reader1 = await rw[0].AcquireReadAsync(path, Patience);
            var reader2 = await rw[1].AcquireReadAsync(path, Patience);
            var writer = rw[2].AcquireWriteAsync(path, Patience);
            await Eventually.TrueAsync(async () => (await ChildrenAsync(clients[0].Client, path)).Count == 3, Patience, "the writer queued");
            var lateReader = rw[3].AcquireReadAsync(path, Patience);
            await Eventually.TrueAsync(async () => (await ChildrenAsync(clients[0].Client, path)).Count == 4, Patience, "the late reader queued");

            await Task.Delay(200);
            Assert.False(writer.IsCompleted, "a writer got in while readers held");
            Assert.False(lateReader.IsCompleted, "a reader overtook a waiting writer");

            await reader1.DisposeAsync();
            await Task.Delay(200);
            Assert.False(writer.IsCompleted, "a writer got in while a reader held");
            await reader2.DisposeAsync();
            var written = await writer.WaitAsync(Patience);
            Assert.False(lateReader.IsCompleted, "a reader got in while the writer held");
            await written.DisposeAsync();
            await (await lateReader.WaitAsync(Patience)).DisposeAsync();
            Assert.Empty(await ChildrenAsync(clients[0].Client, path));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ASemaphoreNeverHasMoreHoldersThanItsCount()
    {
        const int holders = 3;
        var path = UniquePath("semaphore");
        var inside = 0;
        var most = 0;

        async Task UseAsync(int index)
        {
            await using var client = await bed.ConnectAsync(index);
            var semaphore = new SemaphoreClient(client.Client);
            for (var i = 0; i < 10; i++)
            {
                await using var lease = await semaphore.AcquireAsync(path, holders, Patience);
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                Assert.True(now <= holders, $"{now} holders of a semaphore of {holders}");
                await Task.Delay(5);
                Interlocked.Decrement(ref inside);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 6).Select(UseAsync));
        Assert.InRange(most, 2, holders);

        await using var other = await bed.ConnectAsync(0);
        await Assert.ThrowsAsync<BadArgumentsException>(() => new SemaphoreClient(other.Client).AcquireAsync(path, holders + 1, Patience));
        Assert.Empty(await ChildrenAsync(other.Client, path));
    }

    protected static string UniquePath(string name) => $"/locks/{name}-{Guid.NewGuid():N}";

    private static async Task EnsureLocksRootAsync(CoordinationClient client)
    {
        try
        {
            await client.CreateAsync("/locks", []);
        }
        catch (NodeExistsException)
        {
            // Another test made it first.
        }
    }

    private static async Task<IReadOnlyList<string>> ChildrenAsync(CoordinationClient client, string path)
    {
        await client.SyncAsync(path);
        try
        {
            return (await client.GetChildrenAsync(path)).Names;
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private readonly record struct CriticalSection(long FencingToken, long EnterZxid, long ExitZxid);
}
