using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

/// <summary>
/// A held lock (or semaphore lease, or read/write side). Release it by disposing; until then the
/// contender node <see cref="NodePath"/> exists and is owned by the client's session.
/// </summary>
public sealed class LockHandle : IAsyncDisposable
{
    private readonly CoordinationClient _client;
    private readonly LockLossMonitor _loss;
    private readonly LeaveLockRequest _leave;
    private int _released;

    internal LockHandle(CoordinationClient client, LeaveLockRequest leave, string nodePath, long fencingToken)
    {
        _client = client;
        _leave = leave;
        NodePath = nodePath;
        FencingToken = fencingToken;
        _loss = new LockLossMonitor(client, nodePath);
    }

    /// <summary>The contender node that holds the lock.</summary>
    public string NodePath { get; }

    /// <summary>
    /// The holder node's creation zxid: strictly greater for every later holder of the same lock, so a
    /// resource that remembers the highest token it has seen can refuse a holder that lost the lock.
    /// </summary>
    public long FencingToken { get; }

    /// <summary>
    /// Cancelled when the lock is lost: the session expired or was closed, or the node was deleted by
    /// someone else. Not cancelled by a release. Watching starts on first use of this property.
    /// </summary>
    public CancellationToken LostToken => _loss.Token;

    /// <summary>
    /// Deletes the node — and any other the session has under the lock for this acquisition, such as
    /// one a join made before its silo failed — so the next contender in line is let in. Safe to call
    /// more than once.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        _loss.Stop();
        await LockLeave.RunAsync(_client, _leave, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync().ConfigureAwait(false);
}
