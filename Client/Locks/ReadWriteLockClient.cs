using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Read/write locks: any number of readers together, or one writer alone, granted in the order
/// they asked (a waiting writer holds back later readers). Node names are kazoo's
/// (<c>__rlock__</c> and <c>__lock__</c>), so kazoo's <c>ReadLock</c> and <c>WriteLock</c> on the
/// same path share the queue; an exclusive lock of <see cref="LockClient"/> is a writer here.
/// </summary>
public sealed class ReadWriteLockClient(CoordinationClient client)
{
    private readonly LockAcquirer _acquirer = new(client ?? throw new ArgumentNullException(nameof(client)));

    /// <exception cref="TimeoutException">Not granted within <paramref name="timeout"/>.</exception>
    public async Task<LockHandle> AcquireReadAsync(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await TryAcquireReadAsync(path, timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
        ?? throw LockTimeouts.Exception("read lock", path, timeout);

    public Task<LockHandle?> TryAcquireReadAsync(string path, TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
        _acquirer.TryAcquireAsync(path, LockKind.Read, 1, timeout, cancellationToken);

    /// <exception cref="TimeoutException">Not granted within <paramref name="timeout"/>.</exception>
    public async Task<LockHandle> AcquireWriteAsync(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await TryAcquireWriteAsync(path, timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
        ?? throw LockTimeouts.Exception("write lock", path, timeout);

    public Task<LockHandle?> TryAcquireWriteAsync(string path, TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
        _acquirer.TryAcquireAsync(path, LockKind.Exclusive, 1, timeout, cancellationToken);
}
