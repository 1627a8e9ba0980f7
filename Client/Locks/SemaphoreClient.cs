using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Counting semaphores on the lock queue: the first <c>maxHolders</c> contenders under the path
/// (nodes <c>&lt;uuid&gt;__lease__&lt;seq&gt;</c>) hold a lease, the rest wait in order, and each
/// release lets in exactly the next one. As with kazoo's semaphore, the path's data records the
/// holder count and asking with another count is refused (BadArguments); kazoo's own semaphore
/// protocol (a lease pool guarded by a lock) is a different one and does not share these leases.
/// </summary>
public sealed class SemaphoreClient(CoordinationClient client)
{
    private readonly LockAcquirer _acquirer = new(client ?? throw new ArgumentNullException(nameof(client)));

    /// <exception cref="TimeoutException">No lease within <paramref name="timeout"/>.</exception>
    public async Task<LockHandle> AcquireAsync(
        string path, int maxHolders, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await TryAcquireAsync(path, maxHolders, timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
        ?? throw LockTimeouts.Exception("semaphore", path, timeout);

    public Task<LockHandle?> TryAcquireAsync(
        string path, int maxHolders, TimeSpan timeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHolders, 1);
        return _acquirer.TryAcquireAsync(path, LockKind.Semaphore, maxHolders, timeout, cancellationToken);
    }
}
