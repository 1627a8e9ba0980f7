using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Counting semaphores: the first <c>maxHolders</c> contenders in the path's queue hold a lease, the
/// rest wait in order and each release lets in exactly the next one. As kazoo's semaphore, the
/// path's data records the holder count, and asking with another count is refused (BadArguments).
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
