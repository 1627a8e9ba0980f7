using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

/// <summary>
/// Exclusive locks on paths of the tree, held by the client's session. A lock is a queue of
/// ephemeral-sequential nodes under its path named as kazoo names them, so kazoo's <c>Lock</c> and
/// <c>WriteLock</c> on the same path take part in the same queue; the node vanishes with the session.
/// <code>
/// var locks = new LockClient(client);
/// await using var handle = await locks.AcquireAsync("/locks/report", TimeSpan.FromSeconds(10), ct);
/// await store.WriteAsync(report, fencingToken: handle.FencingToken, handle.LostToken);
/// </code>
/// </summary>
public sealed class LockClient(CoordinationClient client)
{
    private readonly LockAcquirer _acquirer = new(client ?? throw new ArgumentNullException(nameof(client)));

    /// <summary>Waits for the lock; <paramref name="timeout"/> null waits for as long as it takes.</summary>
    /// <exception cref="TimeoutException">The lock was not granted within <paramref name="timeout"/>.</exception>
    public async Task<LockHandle> AcquireAsync(string path, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        await TryAcquireAsync(path, timeout ?? Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false)
        ?? throw LockTimeouts.Exception("lock", path, timeout);

    /// <summary>The lock, or null when it was not granted within <paramref name="timeout"/> (zero: only if free now).</summary>
    public Task<LockHandle?> TryAcquireAsync(string path, TimeSpan timeout = default, CancellationToken cancellationToken = default) =>
        _acquirer.TryAcquireAsync(path, LockKind.Exclusive, 1, timeout, cancellationToken);
}
